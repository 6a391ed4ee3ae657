package io.debuggate.cli.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code dlv attach --headless --accept-multiclient} on a running Go program, on loopback.
 * {@link #close()} sends SIGTERM, which makes Delve halt, detach and leave the program running.
 */
public final class HeadlessDlv implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("API server listening at: 127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final int port;

    private HeadlessDlv(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static HeadlessDlv attach(long pid) throws IOException {
        Process process = new ProcessBuilder(GoTools.dlv().toString(), "attach", Long.toString(pid), "--headless",
                "--accept-multiclient", "--api-version=2", "--listen=127.0.0.1:0")
                .redirectErrorStream(true).start();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread.ofVirtual().start(() -> drain(reader));
                return new HeadlessDlv(process, Integer.parseInt(m.group(1)));
            }
        }
        process.destroyForcibly();
        throw new AssertionError("dlv attach did not start (is ptrace allowed? kernel.yama.ptrace_scope must be 0 or run as root):\n" + seen);
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    private static void drain(BufferedReader reader) {
        try {
            while (reader.readLine() != null) {
                // keep dlv's output pipe from filling up
            }
        } catch (IOException e) {
            // dlv gone
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
