package io.debuggate.gateway.auditstore;

import io.debuggate.audit.spool.FsyncPolicy;
import io.debuggate.audit.store.RoleInstallation;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and how audit events are kept.
 *
 * @param instance this gateway's name in the hash chain (one chain per instance); unset = host name
 * @param fsync {@code BATCHED} (default: group commit, an event survives a killed gateway process;
 *     a power loss can cost the last few milliseconds) or {@code PER_EVENT} (fsync before each
 *     acknowledgement)
 * @param maxStoreOutage how long Elasticsearch may be unreachable before sessions are cut and new
 *     ones refused (default 60 s); events stay safe in the spool meanwhile
 * @param embedded start a local Elasticsearch node from the Maven-resolved distribution
 *     (default true); false = use {@code urls} and the credentials below
 * @param httpPort the local node's HTTP port (default 9200)
 * @param transportPort the local node's transport port (default 9300)
 * @param heapMegabytes the local node's heap (default 512)
 * @param urls external cluster addresses when {@code embedded=false}
 * @param roleInstallation how the append-only roles reach an external cluster: {@code API}
 *     (default, {@code PUT _security/role}) or {@code FILE} (already in its {@code roles.yml})
 * @param shipLinger how long the shipper lets a small batch wait for more events before sending it
 *     (default 200 ms, at most 10 s, 0 = at once): fewer, larger bulk requests cost Elasticsearch
 *     far less; events are durable in the spool meanwhile and reach search this much later
 */
@ConfigurationProperties("debuggate.audit")
public record AuditStoreProperties(
        @Nullable String instance,
        @DefaultValue("BATCHED") FsyncPolicy fsync,
        @DefaultValue("PT60S") Duration maxStoreOutage,
        @DefaultValue("true") boolean embedded,
        @DefaultValue("9200") int httpPort,
        @DefaultValue("9300") int transportPort,
        @DefaultValue("512") int heapMegabytes,
        @DefaultValue List<URI> urls,
        @DefaultValue("API") RoleInstallation roleInstallation,
        @DefaultValue("PT0.2S") Duration shipLinger,
        @Nullable External external) {

    /** Identities for an external cluster; the writer must hold only the append-only role. */
    public record External(String adminUser, String adminPassword, String writerUser, String writerPassword,
                           String auditorUser, String auditorPassword) {
    }

    public AuditStoreProperties {
        if (!embedded && (urls.isEmpty() || external == null)) {
            throw new IllegalArgumentException("debuggate.audit.embedded=false needs debuggate.audit.urls and "
                    + "debuggate.audit.external.* credentials (admin, writer, auditor)");
        }
        if (heapMegabytes < 256) {
            throw new IllegalArgumentException("debuggate.audit.heap-megabytes must be at least 256, was " + heapMegabytes);
        }
    }
}
