package io.debuggate.audit.node;

import io.debuggate.audit.store.StoreCredentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to run the local node. Built through {@link #builder(Path)}; every setter rejects a bad value
 * at once, quoting it and naming the fix.
 *
 * @param home folder that holds the unpacked distribution, {@code data/} and {@code logs/}; reused
 *     across runs
 * @param distributionZip explicit path of the server zip; {@code null} looks it up in the local
 *     Maven repository
 * @param javaHome JDK 21+ that runs Elasticsearch; {@code null} picks the running JVM if it is 21+,
 *     else {@link JdkSelector#FALLBACK_JDK}
 * @param systemUser the unprivileged account used when this process runs as root
 * @param credentials admin, writer and auditor identities; {@code null} generates them once and
 *     keeps them in {@code <home>/debuggate-credentials.properties}
 * @param minimumFreeDisk bytes that must be free on the home's file system before a start
 */
public record LocalElasticsearchConfig(
        Path home,
        @Nullable Path distributionZip,
        String version,
        String bindHost,
        int httpPort,
        int transportPort,
        int heapMegabytes,
        @Nullable Path javaHome,
        String systemUser,
        String clusterName,
        @Nullable NodeCredentials credentials,
        Duration startTimeout,
        Duration stopTimeout,
        LeftoverNodePolicy leftoverPolicy,
        long minimumFreeDisk,
        boolean shutdownHook) {

    public static final int DEFAULT_HTTP_PORT = 9200;
    public static final int DEFAULT_TRANSPORT_PORT = 9300;
    public static final int DEFAULT_HEAP_MEGABYTES = 512;
    public static final String DEFAULT_SYSTEM_USER = "debuggate-es";
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);
    public static final long DEFAULT_MINIMUM_FREE_DISK_BYTES = 1L << 30;

    public LocalElasticsearchConfig {
        Objects.requireNonNull(home, "home");
        home = home.toAbsolutePath().normalize();
    }

    public static Builder builder(Path home) {
        return new Builder(home);
    }

    /** Admin (setup only), writer (append-only shipper) and auditor (read) identities. */
    public record NodeCredentials(StoreCredentials admin, StoreCredentials writer, StoreCredentials auditor) {
        public NodeCredentials {
            Objects.requireNonNull(admin, "admin");
            Objects.requireNonNull(writer, "writer");
            Objects.requireNonNull(auditor, "auditor");
            if (admin.username().equals(writer.username()) || admin.username().equals(auditor.username())
                    || writer.username().equals(auditor.username())) {
                throw new IllegalArgumentException("admin, writer and auditor must be three different users, got "
                        + admin.username() + ", " + writer.username() + ", " + auditor.username()
                        + ": the writer must never hold admin rights");
            }
        }
    }

    /** Fluent construction with named defaults. */
    public static final class Builder {
        private final Path home;
        private @Nullable Path distributionZip;
        private String version = ElasticsearchDistribution.defaultVersion();
        private String bindHost = "127.0.0.1";
        private int httpPort = DEFAULT_HTTP_PORT;
        private int transportPort = DEFAULT_TRANSPORT_PORT;
        private int heapMegabytes = DEFAULT_HEAP_MEGABYTES;
        private @Nullable Path javaHome;
        private String systemUser = DEFAULT_SYSTEM_USER;
        private String clusterName = "debuggate-audit";
        private @Nullable NodeCredentials credentials;
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;
        private LeftoverNodePolicy leftoverPolicy = LeftoverNodePolicy.STOP;
        private long minimumFreeDisk = DEFAULT_MINIMUM_FREE_DISK_BYTES;
        private boolean shutdownHook = true;

        private Builder(Path home) {
            this.home = Objects.requireNonNull(home, "home folder of the local Elasticsearch node");
        }

        public Builder distributionZip(@Nullable Path zip) { this.distributionZip = zip; return this; }

        public Builder version(String value) {
            if (value == null || !value.matches("\\d+\\.\\d+\\.\\d+")) {
                throw new IllegalArgumentException("Elasticsearch version '" + value
                        + "' is not of the form 9.2.8: pass the server version the zip carries");
            }
            this.version = value;
            return this;
        }

        public Builder bindHost(String value) {
            if (!"127.0.0.1".equals(value) && !"localhost".equals(value) && !"::1".equals(value)) {
                throw new IllegalArgumentException("bind host '" + value + "' is not loopback: the local node"
                        + " runs without TLS and must listen on 127.0.0.1 only; use a real cluster for remote access");
            }
            this.bindHost = value;
            return this;
        }

        public Builder httpPort(int value) { this.httpPort = port(value, "http"); return this; }

        public Builder transportPort(int value) { this.transportPort = port(value, "transport"); return this; }

        public Builder heapMegabytes(int value) {
            if (value < 256 || value > 31 * 1024) {
                throw new IllegalArgumentException("heap of " + value + " MB is outside 256..31744 MB:"
                        + " 512 MB is enough for the audit trail");
            }
            this.heapMegabytes = value;
            return this;
        }

        public Builder javaHome(@Nullable Path value) { this.javaHome = value; return this; }

        public Builder systemUser(String value) {
            if (value == null || !value.matches("[a-z_][a-z0-9_-]{0,31}")) {
                throw new IllegalArgumentException("system user '" + value
                        + "' is not a valid Linux user name: use lower-case letters, digits, '-' and '_'");
            }
            this.systemUser = value;
            return this;
        }

        public Builder clusterName(String value) {
            if (value == null || !value.matches("[A-Za-z0-9_-]{1,64}")) {
                throw new IllegalArgumentException("cluster name '" + value
                        + "' must be 1-64 letters, digits, '-' or '_'");
            }
            this.clusterName = value;
            return this;
        }

        public Builder credentials(@Nullable NodeCredentials value) { this.credentials = value; return this; }

        public Builder startTimeout(Duration value) { this.startTimeout = positive(value, "start timeout"); return this; }

        public Builder stopTimeout(Duration value) { this.stopTimeout = positive(value, "stop timeout"); return this; }

        public Builder leftoverPolicy(LeftoverNodePolicy value) {
            this.leftoverPolicy = Objects.requireNonNull(value, "leftover policy");
            return this;
        }

        public Builder minimumFreeDisk(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("minimum free disk " + bytes + " bytes is negative: use 0 to disable");
            }
            this.minimumFreeDisk = bytes;
            return this;
        }

        public Builder shutdownHook(boolean value) { this.shutdownHook = value; return this; }

        public LocalElasticsearchConfig build() {
            if (httpPort == transportPort) {
                throw new IllegalArgumentException("http and transport port are both " + httpPort
                        + ": give them different ports, e.g. 9200 and 9300");
            }
            return new LocalElasticsearchConfig(home, distributionZip, version, bindHost, httpPort, transportPort,
                    heapMegabytes, javaHome, systemUser, clusterName, credentials, startTimeout, stopTimeout,
                    leftoverPolicy, minimumFreeDisk, shutdownHook);
        }

        private static int port(int value, String which) {
            if (value < 1024 || value > 65535) {
                throw new IllegalArgumentException(which + " port " + value
                        + " is outside 1024..65535: pick an unprivileged port such as 9200");
            }
            return value;
        }

        private static Duration positive(Duration value, String what) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(what + " " + value + " must be positive, e.g. PT2M");
            }
            return value;
        }
    }
}
