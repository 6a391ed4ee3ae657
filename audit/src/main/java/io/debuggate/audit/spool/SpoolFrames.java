package io.debuggate.audit.spool;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * The frame format of a segment file, one frame per event:
 * <pre>
 *   int  payload length N      (big-endian)
 *   int  CRC32C of the next 16 + N bytes
 *   long sequence
 *   long epoch milliseconds
 *   N bytes canonical JSON payload
 * </pre>
 * A frame that is cut short or fails its checksum marks a torn write at the end of the file.
 */
final class SpoolFrames {

    static final int HEADER_BYTES = 24;
    static final int MAX_PAYLOAD_BYTES = 16 << 20;

    private SpoolFrames() {
    }

    /** Growable byte buffer that frames are appended to under the append lock. */
    static final class FrameBuffer {
        private byte[] bytes;
        private int length;
        private final CRC32C crc = new CRC32C();

        FrameBuffer(int capacity) {
            bytes = new byte[capacity];
        }

        int length() {
            return length;
        }

        ByteBuffer view() {
            return ByteBuffer.wrap(bytes, 0, length);
        }

        int append(long sequence, long epochMillis, byte[] payload) {
            int frame = HEADER_BYTES + payload.length;
            if (length + frame > bytes.length) {
                byte[] grown = new byte[Math.max(bytes.length * 2, length + frame)];
                System.arraycopy(bytes, 0, grown, 0, length);
                bytes = grown;
            }
            ByteBuffer out = ByteBuffer.wrap(bytes, length, frame);
            out.putInt(payload.length);
            int crcAt = out.position();
            out.putInt(0);
            out.putLong(sequence);
            out.putLong(epochMillis);
            out.put(payload);
            crc.reset();
            crc.update(bytes, crcAt + 4, frame - 8);
            ByteBuffer.wrap(bytes, crcAt, 4).putInt((int) crc.getValue());
            length += frame;
            return frame;
        }
    }

    /** Outcome of reading one frame. */
    sealed interface Read permits Frame, End, Torn {
    }

    record Frame(long sequence, long epochMillis, byte[] payload, int size) implements Read {
    }

    /** Clean end of file at the position. */
    record End() implements Read {
    }

    /** Bytes that are not a complete, valid frame. */
    record Torn(String why) implements Read {
    }

    static Read read(FileChannel channel, long position) throws IOException {
        long size = channel.size();
        if (position == size) {
            return new End();
        }
        if (size - position < HEADER_BYTES) {
            return new Torn("only " + (size - position) + " bytes left for a 24-byte header");
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        readFully(channel, header, position);
        header.flip();
        int length = header.getInt();
        int expectedCrc = header.getInt();
        long sequence = header.getLong();
        long millis = header.getLong();
        if (length < 0 || length > MAX_PAYLOAD_BYTES) {
            return new Torn("payload length " + length + " is impossible");
        }
        if (size - position - HEADER_BYTES < length) {
            return new Torn("payload of " + length + " bytes is cut short");
        }
        byte[] payload = new byte[length];
        readFully(channel, ByteBuffer.wrap(payload), position + HEADER_BYTES);
        CRC32C crc = new CRC32C();
        crc.update(header.array(), 8, 16);
        crc.update(payload);
        if ((int) crc.getValue() != expectedCrc) {
            return new Torn("checksum mismatch for sequence " + sequence);
        }
        return new Frame(sequence, millis, payload, HEADER_BYTES + length);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new EOFException("segment ended while reading a frame at " + position);
            }
            at += read;
        }
    }
}
