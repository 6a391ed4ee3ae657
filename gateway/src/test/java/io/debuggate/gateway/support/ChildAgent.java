package io.debuggate.gateway.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;

/**
 * An agent in its own JVM beside a test bed, as production runs it ({@code AgentMain}). Tests that
 * measure or bound a gateway in another process use it, so that the agent does not share the test
 * JVM's virtual-thread carriers with the test bed's blocking output readers.
 */
public final class ChildAgent implements AutoCloseable {

    private final Process process;
    private final int port;

    private ChildAgent(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the agent for {@code payment-svc/demo-0} and waits until it listens. */
    public static ChildAgent start(String agentId, long targetPid, String pprofUrl, Path gatewayPublicKey, Path log)
            throws IOException {
        int port = freePort();
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "io.debuggate.agent.AgentMain",
                "--agent-id=" + agentId, "--target=payment-svc/demo-0", "--pprof-url=" + pprofUrl,
                "--target-pid=" + targetPid, "--gateway-public-key=" + gatewayPublicKey,
                "--listen=127.0.0.1:" + port, "--relay-port=0")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ChildAgent agent = new ChildAgent(process, port);
        try {
            Awaitility.await("the child agent listens (log: " + log.toAbsolutePath() + ")").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200)).until(() -> {
                        if (!process.isAlive()) {
                            throw new AssertionError("the child agent exited with " + process.exitValue() + "; see " + log);
                        }
                        try (Socket s = new Socket("127.0.0.1", port)) {
                            return true;
                        } catch (IOException e) {
                            return false;
                        }
                    });
        } catch (RuntimeException | AssertionError e) {
            agent.close();
            throw e;
        }
        return agent;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
