package io.debuggate.gateway.tunnel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * A {@link WebSocketSession} as a {@link ClientChannel}. Replies (dlv's reader thread) and local
 * answers (the client's thread) are sent from two threads; a WebSocket session takes one sender at
 * a time, so sends are serialized here. Blocking is the back-pressure: a slow client slows the
 * reply relay, not the gateway's heap.
 */
final class WebSocketClientChannel implements ClientChannel {

    private final WebSocketSession ws;
    private final ReentrantLock sending = new ReentrantLock();

    WebSocketClientChannel(WebSocketSession ws) {
        this.ws = ws;
    }

    @Override
    public void send(byte[] bytes) throws IOException {
        sending.lock();
        try {
            ws.sendMessage(new BinaryMessage(bytes));
        } finally {
            sending.unlock();
        }
    }

    @Override
    public OutputStream openMessage() {
        sending.lock();
        return new OutputStream() {
            private boolean ended;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (len > 0) {
                    ws.sendMessage(new BinaryMessage(ByteBuffer.wrap(b, off, len), false));
                }
            }

            @Override
            public void close() throws IOException {
                if (ended) {
                    return;
                }
                ended = true;
                try {
                    ws.sendMessage(new BinaryMessage(ByteBuffer.allocate(0), true));
                } finally {
                    sending.unlock();
                }
            }
        };
    }

    @Override
    public void notice(String text) {
        sending.lock();
        try {
            if (ws.isOpen()) {
                ws.sendMessage(new TextMessage(text));
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone; the close below is all that is left to do
        } finally {
            sending.unlock();
        }
    }

    @Override
    public void close(CloseReason reason) {
        sending.lock();
        try {
            ws.close(new CloseStatus(reason.code(), reason.shortText()));
        } catch (IOException | IllegalStateException e) {
            // already closed
        } finally {
            sending.unlock();
        }
    }

    @Override
    public boolean isOpen() {
        return ws.isOpen();
    }
}
