package io.debuggate.agent.dlv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Waits until a freshly started dlv really serves its API. Delve 1.20 prints "API server
 * listening at:" before it attaches and loads the target's debug info, and starts accepting
 * connections only after that; until then it has no SIGTERM handler either. So an answer to
 * {@code RPCServer.GetVersion} is the first sign that dlv is attached and stoppable by SIGTERM.
 * The probe connection reads nothing from the target and, with {@code --accept-multiclient},
 * closing it leaves dlv and the target as they were.
 */
final class DlvReadiness {

    private static final byte[] GET_VERSION =
            "{\"method\":\"RPCServer.GetVersion\",\"params\":[{}],\"id\":0}\n".getBytes(StandardCharsets.US_ASCII);
    private static final long RETRY_MILLIS = 50;

    private DlvReadiness() {
    }

    /** @return true once dlv answered, false when {@code deadlineNanos} (a {@link System#nanoTime()}) passed first */
    static boolean awaitServing(InetSocketAddress api, long deadlineNanos, Process dlv) throws InterruptedException {
        while (dlv.isAlive()) {
            long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            if (leftMillis <= 0) {
                return false;
            }
            if (answers(api, (int) Math.min(leftMillis, Integer.MAX_VALUE))) {
                return true;
            }
            Thread.sleep(RETRY_MILLIS);
        }
        return false;
    }

    private static boolean answers(InetSocketAddress api, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(api, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(GET_VERSION);
            out.flush();
            String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
            return reply != null && reply.contains("\"id\":0");
        } catch (IOException e) {
            return false;
        }
    }
}
