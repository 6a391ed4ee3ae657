package io.debuggate.gateway.support;

import io.debuggate.agent.protocol.Ed25519Keys;
import io.debuggate.audit.testsupport.ElasticsearchTestNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.awaitility.Awaitility;

/**
 * A gateway in its own JVM (own heap limit, own lifetime), wired to one agent the test runs and
 * to the shared Elasticsearch test node; the demo target and the health breakers are off. Its
 * order-signing key is made up front so the agent can trust it before the gateway starts.
 */
public final class ChildGateway implements AutoCloseable {

    private final Process process;
    private final URI base;
    private final Path log;

    private ChildGateway(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** Writes the gateway's order-signing key pair under {@code home}; returns the public half's file, for the agent. */
    public static Path orderSigningKey(Path home) throws IOException {
        KeyPair keys = Ed25519Keys.generate();
        Path privateKey = home.resolve("agents/order-signing-key.pem");
        Files.createDirectories(privateKey.getParent());
        Ed25519Keys.writePrivateKey(privateKey, keys.getPrivate());
        Path publicKey = home.resolve("agents/order-signing-key.pub.pem");
        Ed25519Keys.writePublicKey(publicKey, keys.getPublic());
        return publicKey;
    }

    /**
     * Starts the gateway and waits until it is ready.
     *
     * @param jvmOptions e.g. {@code -Xmx64m}
     * @param extra      further {@code --key=value} properties (override the defaults here)
     */
    public static ChildGateway start(Path home, List<String> jvmOptions, String agentId, int agentPort,
                                     Map<String, String> extra, Path log) throws IOException {
        ElasticsearchTestNode es = ElasticsearchTestNode.shared();
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.debuggate.gateway.DebuggateApplication"));
        Map<String, String> properties = new TreeMap<>(Map.ofEntries(
                Map.entry("server.port", String.valueOf(port)),
                Map.entry("debuggate.home", home.toString()),
                Map.entry("spring.datasource.url", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"),
                Map.entry("debuggate.demo.enabled", "false"),
                Map.entry("debuggate.health.enabled", "false"),
                Map.entry("debuggate.targets.registered[0].service", "payment-svc"),
                Map.entry("debuggate.targets.registered[0].instance", "demo-0"),
                Map.entry("debuggate.targets.registered[0].agent-id", agentId),
                Map.entry("debuggate.targets.registered[0].agent-url", "http://127.0.0.1:" + agentPort),
                Map.entry("debuggate.audit.embedded", "false"),
                Map.entry("debuggate.audit.urls", es.httpUrl()),
                Map.entry("debuggate.audit.role-installation", "FILE"),
                Map.entry("debuggate.audit.instance", "child-" + UUID.randomUUID().toString().substring(0, 8)),
                Map.entry("debuggate.audit.external.admin-user", es.admin().username()),
                Map.entry("debuggate.audit.external.admin-password", es.admin().password()),
                Map.entry("debuggate.audit.external.writer-user", es.writer().username()),
                Map.entry("debuggate.audit.external.writer-password", es.writer().password()),
                Map.entry("debuggate.audit.external.auditor-user", es.auditor().username()),
                Map.entry("debuggate.audit.external.auditor-password", es.auditor().password())));
        properties.putAll(extra);
        properties.forEach((k, v) -> command.add("--" + k + "=" + v));
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ChildGateway gateway = new ChildGateway(process, URI.create("http://127.0.0.1:" + port), log);
        try {
            Awaitility.await("the child gateway starts (log: " + log.toAbsolutePath() + ")").atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new AssertionError("the child gateway exited with " + process.exitValue()
                                    + "; see " + log.toAbsolutePath());
                        }
                        return status(gateway.base.resolve("/actuator/health/readiness")) == 200;
                    });
        } catch (RuntimeException | AssertionError e) {
            gateway.close();
            throw e;
        }
        return gateway;
    }

    public URI base() {
        return base;
    }

    public int port() {
        return base.getPort();
    }

    public Process process() {
        return process;
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int status(URI uri) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
