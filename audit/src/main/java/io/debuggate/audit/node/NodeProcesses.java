package io.debuggate.audit.node;

import io.debuggate.audit.node.LocalElasticsearchConfig.NodeCredentials;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The node's server process as seen through its pidfile: leftovers, ports, termination. */
final class NodeProcesses {

    private static final Logger log = LoggerFactory.getLogger(NodeProcesses.class);

    private final LocalElasticsearchConfig config;
    private final Path pidFile;
    private long leftoverPid = -1;

    NodeProcesses(LocalElasticsearchConfig config) {
        this.config = config;
        this.pidFile = config.home().resolve(NodeLauncher.PID_FILE);
    }

    Optional<Long> readPidFile() {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            String text = Files.readString(pidFile).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    long leftoverPid() {
        return leftoverPid;
    }

    /**
     * Deals with a node an earlier run left alive in this home. Returns {@code true} when it was
     * adopted (policy {@link LeftoverNodePolicy#REUSE} and healthy), {@code false} when there was
     * none or it was stopped.
     */
    boolean handleLeftover(NodeCredentials identities, URI httpUri) {
        Optional<Long> recorded = readPidFile();
        if (recorded.isEmpty()) {
            return false;
        }
        long pid = recorded.get();
        if (!isOurServer(pid)) {
            log.info("elasticsearch.node stale pidfile removed pid={} file={}", pid, pidFile);
            deletePidFile();
            return false;
        }
        if (config.leftoverPolicy() == LeftoverNodePolicy.REUSE
                && new ClusterHealthProbe(httpUri, identities.admin()).probe() == ClusterHealthProbe.State.READY) {
            leftoverPid = pid;
            return true;
        }
        log.warn("elasticsearch.node leftover from an earlier run found pid={} policy={}: stopping it", pid,
                config.leftoverPolicy());
        terminate(pid);
        return false;
    }

    /** True if {@code pid} is an Elasticsearch server started from this home. */
    boolean isOurServer(long pid) {
        Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
        try {
            if (!Files.isReadable(cmdline)) {
                return false;
            }
            String text = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).replace('\0', ' ');
            return text.contains("org.elasticsearch") && text.contains(config.home().toString());
        } catch (IOException e) {
            return false;
        }
    }

    void requirePortsFree() {
        for (int port : new int[] {config.httpPort(), config.transportPort()}) {
            if (!PortCheck.isFree(config.bindHost(), port)) {
                throw new LocalElasticsearchException("port " + port + " on " + config.bindHost()
                        + " is already in use by another program: stop it (find it with ss -ltnp 'sport = :" + port
                        + "') or configure another " + (port == config.httpPort() ? "http" : "transport") + " port");
            }
        }
    }

    /** SIGTERM, wait up to the stop timeout, then SIGKILL. */
    void terminate(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            deletePidFile();
            return;
        }
        ProcessHandle process = handle.get();
        process.destroy();
        if (!awaitExit(process, config.stopTimeout().toMillis())) {
            log.warn("elasticsearch.node did not stop within {} s after SIGTERM pid={}: killing it",
                    config.stopTimeout().toSeconds(), pid);
            process.destroyForcibly();
            if (!awaitExit(process, 10_000)) {
                throw new LocalElasticsearchException("Elasticsearch (pid " + pid + ") survives SIGKILL: stop it by"
                        + " hand (kill -9 " + pid + ") before starting again");
            }
        }
        deletePidFile();
    }

    private static boolean awaitExit(ProcessHandle process, long millis) {
        try {
            process.onExit().get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a stale pidfile is re-checked against /proc next time
        }
    }
}
