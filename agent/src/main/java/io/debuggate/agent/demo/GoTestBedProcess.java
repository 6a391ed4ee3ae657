package io.debuggate.agent.demo;

import io.debuggate.agent.protocol.AgentJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A running Go test bed: started from a built binary ({@link GoTestBedBuild}), ready once it
 * prints its JSON ready line. {@link #close()} sends SIGTERM and waits (the test bed shuts down
 * cleanly on it); {@link DemoProcessReaper} covers a JVM that stops before that.
 */
public final class GoTestBedProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GoTestBedProcess.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final URI baseUri;
    private final URI pprofBaseUri;

    private GoTestBedProcess(Process process, URI baseUri, URI pprofBaseUri) {
        this.process = process;
        this.baseUri = baseUri;
        this.pprofBaseUri = pprofBaseUri;
    }

    /**
     * Starts {@code binary} with the given listeners and API key and waits for it to be ready.
     *
     * @throws DemoUnavailableException when it cannot start, exits early (a port in use, say) or
     *                                  prints no ready line in time; the message carries its stderr
     */
    public static GoTestBedProcess start(Path binary, GoTestBedOptions options) {
        Process process;
        try {
            process = new ProcessBuilder(binary.toString(), "-addr=" + options.addr(), "-pprof-addr=" + options.pprofAddr(),
                    "-api-key=" + options.apiKey()).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new DemoUnavailableException("cannot start the test bed " + binary + " (" + e.getMessage()
                    + "): build it again (delete the binary) or check the build directory", e);
        }
        DemoProcessReaper.register(process);
        ProcessStderr stderr = ProcessStderr.follow(process, "testbed");
        try {
            JsonNode ready = readReadyLine(process, options.readyTimeout(), stderr);
            GoTestBedProcess bed = new GoTestBedProcess(process, URI.create("http://" + ready.path("addr").asString()),
                    URI.create("http://" + ready.path("pprofAddr").asString()));
            log.info("test bed ready pid={} addr={} pprof={}", process.pid(), bed.baseUri, bed.pprofBaseUri);
            return bed;
        } catch (RuntimeException e) {
            stop(process);
            throw e;
        }
    }

    public long pid() {
        return process.pid();
    }

    /** {@code http://HOST:PORT} of the public listener (/pay, /healthz, /metrics, /admin/…). */
    public URI baseUri() {
        return baseUri;
    }

    /** {@code http://127.0.0.1:PORT} of the loopback pprof listener. */
    public URI pprofBaseUri() {
        return pprofBaseUri;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM and wait; a test bed that ignores it is killed (it is no debugger). Idempotent. */
    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        try {
            if (process.isAlive()) {
                log.info("test bed stopping pid={} signal=SIGTERM", process.pid());
                process.destroy();
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("test bed still running pid={} after SIGTERM and {}; sending SIGKILL", process.pid(), STOP_TIMEOUT);
                    process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
                log.info("test bed stopped pid={}", process.pid());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } finally {
            DemoProcessReaper.unregister(process);
        }
    }

    private static JsonNode readReadyLine(Process process, Duration timeout, ProcessStderr stderr) {
        CompletableFuture<String> firstLine = new CompletableFuture<>();
        // a platform thread, as for every pipe reader (ProcessStderr says why)
        Thread.ofPlatform().daemon().name("testbed-stdout-" + process.pid()).start(() -> {
            try (BufferedReader reader = process.inputReader(StandardCharsets.UTF_8)) {
                firstLine.complete(reader.readLine());
                // Keep draining stdout so the test bed never blocks on a full pipe.
                reader.lines().forEach(line -> { });
            } catch (IOException | UncheckedIOException e) {
                firstLine.completeExceptionally(e);
            }
        });
        String text;
        try {
            text = firstLine.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new DemoUnavailableException("the test bed pid=" + process.pid() + " printed no ready line within "
                    + timeout + "; last stderr: " + stderr.tail());
        } catch (ExecutionException e) {
            throw new DemoUnavailableException("cannot read the test bed's output: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoUnavailableException("interrupted while waiting for the test bed to be ready", e);
        }
        if (text == null) {
            throw new DemoUnavailableException("the test bed exited before it was ready; last stderr: " + stderr.tail()
                    + " (a port in use? choose other test bed addresses)");
        }
        try {
            JsonNode ready = AgentJson.mapper().readTree(text);
            if (ready.path("ready").asBoolean(false) && ready.path("addr").isString() && ready.path("pprofAddr").isString()) {
                return ready;
            }
        } catch (JacksonException e) {
            // reported below with the line itself
        }
        throw new DemoUnavailableException("unexpected first line from the test bed: \"" + text
                + "\": is the binary really deploy/testbed? delete it to rebuild");
    }
}
