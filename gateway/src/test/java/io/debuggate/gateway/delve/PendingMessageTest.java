package io.debuggate.gateway.delve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PendingMessageTest {

    private static PendingMessage pending() {
        return new PendingMessage(64 << 20, () -> {
            throw new FramingException("too large");
        });
    }

    @Test
    void aBufferUpToTheKeptSizeStaysForTheNextMessage() {
        PendingMessage pending = pending();
        byte[] read = new byte[100_000];
        pending.append(read, 0, read.length);
        assertThat(pending.complete(read, 0, 10)).hasSize(100_010);
        assertThat(pending.bytes().length).isGreaterThanOrEqualTo(100_010);
    }

    @Test
    void aBufferGrownPastTheKeptSizeIsLetGoOnceItsMessageIsOut() {
        PendingMessage pending = pending();
        byte[] read = new byte[64 * 1024];
        for (int i = 0; i < 64; i++) { // 4 MiB in 64 KiB reads
            pending.append(read, 0, read.length);
        }
        assertThat(pending.complete(read, 0, 1)).hasSize(4 * 1024 * 1024 + 1);
        assertThat(pending.bytes().length).isLessThanOrEqualTo(PendingMessage.KEPT_BYTES);
        assertThat(pending.size()).isZero();

        for (int i = 0; i < 32; i++) {
            pending.append(read, 0, read.length);
        }
        pending.clear(); // handed over early
        assertThat(pending.bytes().length).isLessThanOrEqualTo(PendingMessage.KEPT_BYTES);
    }

    @Test
    void theLimitIsCheckedAsBytesArrive() {
        PendingMessage pending = new PendingMessage(1000, () -> {
            throw new FramingException("message exceeds 1000 bytes");
        });
        pending.append(new byte[600], 0, 600);
        assertThatThrownBy(() -> pending.append(new byte[600], 0, 600)).hasMessageContaining("exceeds 1000");
        assertThat(pending.size()).isZero();
    }
}
