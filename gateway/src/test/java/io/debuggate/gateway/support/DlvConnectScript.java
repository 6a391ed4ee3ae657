package io.debuggate.gateway.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code dlv connect} client with a script on stdin, as a person typing would. Each
 * line is sent after a pause so that a command that waits for the target (continue) is in flight
 * before the next one is typed.
 */
public final class DlvConnectScript {

    private DlvConnectScript() {
    }

    public static ToolRunner.Result run(Path workDir, int port, List<String> lines, long pauseMillis, long timeoutSeconds)
            throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("dlv", "connect", "127.0.0.1:" + port).directory(workDir.toFile())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("dlv is not installed: apt-get install -y delve", e);
        }
        StringBuilder output = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                byte[] buf = new byte[8192];
                for (int n; (n = process.getInputStream().read(buf)) >= 0; ) {
                    synchronized (output) {
                        output.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException e) {
                // process ended
            }
        });
        try (OutputStream stdin = process.getOutputStream()) {
            for (String line : lines) {
                Thread.sleep(pauseMillis);
                stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            }
        } catch (IOException e) {
            // dlv exited early; its output says why
        }
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroy();
            reader.join(2000);
            throw new AssertionError("dlv connect did not finish within " + timeoutSeconds + " s; output so far:\n" + output);
        }
        reader.join(5000);
        synchronized (output) {
            return new ToolRunner.Result(process.exitValue(), output.toString());
        }
    }
}
