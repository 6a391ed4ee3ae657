package io.debuggate.agent.testsupport;

import io.debuggate.agent.demo.Executables;
import io.debuggate.agent.demo.GoTestBedBuild;
import io.debuggate.agent.demo.GoTestBedOptions;
import io.debuggate.agent.demo.GoTestBedProcess;
import io.debuggate.agent.target.ProcStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The Go test bed ({@code deploy/testbed}) for tests: a {@link GoTestBedProcess} on free
 * loopback ports with {@code -api-key=}{@link TestBedPii#API_KEY}, plus helpers to poke it.
 * The binary is built (when stale) once per JVM by {@link GoTestBedBuild}; {@link #close()}
 * sends SIGTERM and waits, and the demo's process reaper covers tests that never get there.
 *
 * <p>Build output: {@code <repo>/agent/target/testbed/testbed}, or the directory in the system
 * property {@value #DIR_PROPERTY}.
 */
public final class GoTestBed implements AutoCloseable {

    public static final String DIR_PROPERTY = "debuggate.testbed.dir";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static @Nullable Path binary;

    private final GoTestBedProcess process;

    private GoTestBed(GoTestBedProcess process) {
        this.process = process;
    }

    /** Builds (when stale, once per JVM) and starts a test bed with {@code -api-key=}{@link TestBedPii#API_KEY}. */
    public static GoTestBed start() {
        return new GoTestBed(GoTestBedProcess.start(binary(), GoTestBedOptions.onFreePorts()));
    }

    /** The built test bed executable, building it on first use in this JVM. */
    public static synchronized Path binary() {
        if (binary == null) {
            String configured = System.getProperty(DIR_PROPERTY);
            Path outDir = configured != null ? Path.of(configured) : buildDir();
            binary = GoTestBedBuild.build(GoTestBedBuild.locateSources(null), outDir, GoTestBedBuild.DEFAULT_TIMEOUT);
        }
        return binary;
    }

    /** Where tests build the binary by default: {@code <repo>/agent/target/testbed}. */
    public static Path buildDir() {
        return repositoryRoot().resolve("agent/target/testbed");
    }

    /** The repository root: the nearest ancestor of the working directory holding deploy/testbed/main.go. */
    public static Path repositoryRoot() {
        return GoTestBedBuild.locateSources(null).getParent().getParent();
    }

    /** The {@code dlv} executable; fails loudly with the install command when Delve is missing. */
    public static Path dlvPath() {
        return Executables.dlv();
    }

    /** The running process, for main code that takes a {@link GoTestBedProcess}. */
    public GoTestBedProcess process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    /** {@code http://127.0.0.1:PORT} of the public listener (/pay, /healthz, /metrics, /admin/…). */
    public URI baseUri() {
        return process.baseUri();
    }

    /** {@code http://127.0.0.1:PORT} of the loopback pprof listener. */
    public URI pprofBaseUri() {
        return process.pprofBaseUri();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public ProcStatus procStatus() {
        return ProcStatus.read(pid()).orElseThrow(() -> new IllegalStateException("test bed pid " + pid() + " is gone"));
    }

    /** GET on the public listener; answers within {@code timeout} or throws. */
    public HttpResponse<String> get(String pathAndQuery, Duration timeout) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(baseUri().resolve(pathAndQuery)).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return get(pathAndQuery, Duration.ofSeconds(5));
    }

    /** A value from {@code /metrics}, e.g. {@code metric("testbed_pprof_requests_total")}. */
    public double metric(String nameWithLabels) throws IOException, InterruptedException {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(nameWithLabels) + " (\\S+)$").matcher(get("/metrics").body());
        if (!m.find()) {
            throw new IllegalStateException("metric " + nameWithLabels + " not in /metrics");
        }
        return Double.parseDouble(m.group(1));
    }

    /** SIGTERM and wait (the test bed shuts down cleanly on it). */
    @Override
    public void close() {
        process.close();
    }
}
