package io.debuggate.audit.node;

import io.debuggate.audit.node.LocalElasticsearchConfig.NodeCredentials;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Elasticsearch node started from the Maven-resolved server zip: unpacked once into a home
 * folder, configured before its first start (loopback, single node, security on, no TLS), run as
 * an unprivileged user when this process is root, and stopped with SIGTERM when {@link #stop()} is
 * called, the JVM shuts down, or the JVM dies (see {@link NodeLauncher}).
 *
 * <pre>{@code
 * LocalElasticsearchNode node = new LocalElasticsearchNode(LocalElasticsearchConfig.builder(home).build());
 * node.start();                     // blocks until _cluster/health answers, ~16 s
 * node.httpUri(); node.credentials().writer();
 * node.stop();                      // or let the shutdown hook do it
 * }</pre>
 */
public final class LocalElasticsearchNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalElasticsearchNode.class);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final LocalElasticsearchConfig config;
    private final NodeLogs logs;
    private final NodeProcesses processes;
    private @Nullable HomeLock lock;
    private NodeLauncher.@Nullable Launch launch;
    private @Nullable NodeCredentials credentials;
    private @Nullable Thread shutdownHook;
    private long pid = -1;

    public LocalElasticsearchNode(LocalElasticsearchConfig config) {
        this.config = config;
        this.logs = new NodeLogs(config);
        this.processes = new NodeProcesses(config);
    }

    public LocalElasticsearchConfig config() {
        return config;
    }

    /** Base URL, e.g. {@code http://127.0.0.1:9200}. */
    public URI httpUri() {
        return URI.create("http://" + config.bindHost() + ":" + config.httpPort());
    }

    /** Admin, writer and auditor identities; available once {@link #start()} has run. */
    public NodeCredentials credentials() {
        if (credentials == null) {
            credentials = config.credentials() != null ? config.credentials()
                    : NodeCredentialFile.loadOrCreate(config.home());
        }
        return credentials;
    }

    public synchronized boolean isRunning() {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Process id of the Elasticsearch server JVM while it runs. */
    public synchronized Optional<Long> pid() {
        return isRunning() ? Optional.of(pid) : Optional.empty();
    }

    public Path serverLog() {
        return logs.serverLog();
    }

    /**
     * Prepares and starts the node, returning when it answers {@code _cluster/health}.
     *
     * @throws LocalElasticsearchException naming the cause and the fix, with the log's last lines
     */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        long started = System.nanoTime();
        Path home = config.home();
        if (lock == null) {
            lock = HomeLock.tryAcquire(home);
            if (lock == null) {
                throw new LocalElasticsearchException("another process of this product already runs the node in "
                        + home + ": stop it, or give this one another home folder");
            }
        }
        try {
            requireFreeDisk(home);
            Path jdk = JdkSelector.select(config.javaHome());
            Path zip = ElasticsearchDistribution.locate(config.distributionZip(), config.version());
            NodeAccount account = NodeAccount.forCurrentProcess(config.systemUser());
            account.prepare(home, jdk);
            ElasticsearchDistribution.unpackOnce(zip, config.version(), home);
            NodeCredentials identities = credentials();
            if (processes.handleLeftover(identities, httpUri())) {
                pid = processes.leftoverPid();
                log.info("elasticsearch.node reused leftover pid={} url={}", pid, httpUri());
                registerShutdownHook();
                return;
            }
            processes.requirePortsFree();
            NodeConfigWriter.write(config);
            account.takeOwnership(home);
            FileRealmUsers.ensure(home, identities, account, jdk);
            log.info("elasticsearch.node starting home={} url={} user={} javaHome={}", home, httpUri(),
                    account.user(), jdk);
            launch = NodeLauncher.launch(home, jdk, account);
            registerShutdownHook();
            awaitReady(identities);
            log.info("elasticsearch.node ready url={} pid={} tookMs={}", httpUri(), pid,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            stopQuietly();
            throw new LocalElasticsearchException(DiskTrouble.describe(e, "starting Elasticsearch in " + home), e);
        } catch (RuntimeException e) {
            stopQuietly();
            throw e;
        }
    }

    private void awaitReady(NodeCredentials identities) {
        ClusterHealthProbe probe = new ClusterHealthProbe(httpUri(), identities.admin());
        long deadline = System.nanoTime() + config.startTimeout().toNanos();
        long nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
        long begin = System.nanoTime();
        int unauthorized = 0;
        while (true) {
            NodeLauncher.Launch current = launch;
            if (current == null || !current.watchdog().isAlive()) {
                int code = current == null ? -1 : current.watchdog().exitValue();
                throw new LocalElasticsearchException(
                        logs.diagnose("Elasticsearch exited during start-up with code " + code), logs.tail(), null);
            }
            if (pid <= 0) {
                pid = processes.readPidFile().orElse(-1L);
            }
            ClusterHealthProbe.State state = probe.probe();
            if (state == ClusterHealthProbe.State.READY) {
                return;
            }
            if (state == ClusterHealthProbe.State.UNAUTHORIZED && ++unauthorized >= 5) {
                throw new LocalElasticsearchException("Elasticsearch on " + httpUri() + " rejects the admin user '"
                        + identities.admin().username() + "': the file realm users are out of step; delete "
                        + config.home().resolve(FileRealmUsers.MARKER) + " and start again", logs.tail(), null);
            }
            long now = System.nanoTime();
            if (now > deadline) {
                throw new LocalElasticsearchException(logs.diagnose("Elasticsearch did not become healthy within "
                        + config.startTimeout().toSeconds() + " s (raise the start timeout on a slow machine)"),
                        logs.tail(), null);
            }
            if (now > nextProgress) {
                log.info("elasticsearch.node waiting url={} state={} elapsedS={}", httpUri(), state,
                        TimeUnit.NANOSECONDS.toSeconds(now - begin));
                nextProgress = now + PROGRESS_EVERY.toNanos();
            }
            sleep(Duration.ofMillis(250));
        }
    }

    /** Sends SIGTERM to the server JVM and waits for it; a no-op when nothing runs. */
    public synchronized void stop() {
        // Only the instance holding the home's lock may trust its pidfile: a second instance whose
        // start was refused because the home is in use must never stop the node that uses it.
        long target = pid > 0 ? pid : lock != null ? processes.readPidFile().orElse(-1L) : -1L;
        if (target > 0) {
            processes.terminate(target);
            log.info("elasticsearch.node stopped pid={}", target);
        }
        NodeLauncher.Launch current = launch;
        if (current != null) {
            current.release();
            try {
                if (!current.watchdog().waitFor(config.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    current.watchdog().destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        launch = null;
        pid = -1;
    }

    @Override
    public synchronized void close() {
        stop();
        if (shutdownHook != null && !Thread.currentThread().equals(shutdownHook)) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException ignored) {
                // the JVM is shutting down already
            }
            shutdownHook = null;
        }
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            log.warn("elasticsearch.node stop after failed start failed: {}", e.getMessage());
        }
    }

    private void registerShutdownHook() {
        if (config.shutdownHook() && shutdownHook == null) {
            shutdownHook = new Thread(this::stopQuietly, "debuggate-es-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    private void requireFreeDisk(Path home) throws IOException {
        Files.createDirectories(home);
        long usable = Files.getFileStore(home).getUsableSpace();
        if (usable < config.minimumFreeDisk()) {
            throw new LocalElasticsearchException("disk full: only " + (usable >> 20) + " MB free under " + home
                    + " but " + (config.minimumFreeDisk() >> 20) + " MB are required; free space (df -h " + home
                    + ") or choose a home on another disk");
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalElasticsearchException("interrupted while waiting for Elasticsearch", e);
        }
    }
}
