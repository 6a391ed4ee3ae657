package io.debuggate.agent.dlv;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies bytes both ways between a verified client and dlv until either side ends. An end on
 * one side is passed on as a half-close so the last reply still arrives; a side that then
 * lingers is closed after a short grace.
 */
final class RelayPipe {

    private static final Logger log = LoggerFactory.getLogger(RelayPipe.class);
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final long LINGER_MILLIS = 5000;

    private RelayPipe() {
    }

    static void run(Socket client, Socket dlv, String who) throws IOException {
        long started = System.nanoTime();
        log.info("dlv relay opened {} dlv={}", who, dlv.getRemoteSocketAddress());
        AtomicLong up = new AtomicLong();
        AtomicLong down = new AtomicLong();
        // platform thread for the same reason as the accepting side's (DlvRelayServer)
        Thread upstream = Thread.ofPlatform().daemon().name("dlv-relay-up").start(() -> {
            copy(client, dlv, up);
        });
        copy(dlv, client, down);
        try {
            upstream.join(LINGER_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
        dlv.close();
        log.info("dlv relay closed {} bytesToDlv={} bytesFromDlv={} millis={}", who, up.get(), down.get(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private static void copy(Socket from, Socket to, AtomicLong counter) {
        byte[] buffer = new byte[BUFFER_BYTES];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) != -1; ) {
                out.write(buffer, 0, n);
                out.flush();
                counter.addAndGet(n);
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // One side broke off: close both so the other direction ends too.
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already broken
        }
    }
}
