package io.debuggate.gateway.auditstore;

import io.debuggate.audit.DurableAuditTrail;
import io.debuggate.audit.DurableAuditTrailConfig;
import io.debuggate.audit.node.LocalElasticsearchConfig;
import io.debuggate.audit.node.LocalElasticsearchNode;
import io.debuggate.audit.search.AuditSearch;
import io.debuggate.audit.shipper.ShipperConfig;
import io.debuggate.audit.store.AuditStoreSetup;
import io.debuggate.audit.store.RoleInstallation;
import io.debuggate.audit.store.StoreConnection;
import io.debuggate.audit.store.StoreCredentials;
import io.debuggate.gateway.DebuggateHome;
import io.debuggate.policies.masking.Masker;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The audit trail's wiring. Order matters: the node is up and the append-only roles and templates
 * are applied (with the admin identity, which nothing else uses) before the trail opens its spool
 * and starts shipping with the writer identity.
 */
@Configuration(proxyBeanMethods = false)
class AuditStoreConfiguration {

    /** The three identities and addresses of whichever cluster we use. */
    record AuditCluster(java.util.List<java.net.URI> urls, StoreCredentials admin, StoreCredentials writer,
                        StoreCredentials auditor, RoleInstallation roles) {
    }

    @Bean(destroyMethod = "close")
    @Nullable
    LocalElasticsearchNode localElasticsearchNode(AuditStoreProperties properties, DebuggateHome home) {
        if (!properties.embedded()) {
            return null;
        }
        LocalElasticsearchNode node = new LocalElasticsearchNode(LocalElasticsearchConfig.builder(home.resolve("elasticsearch"))
                .httpPort(properties.httpPort())
                .transportPort(properties.transportPort())
                .heapMegabytes(properties.heapMegabytes())
                .build());
        node.start();
        return node;
    }

    @Bean
    AuditCluster auditCluster(AuditStoreProperties properties, ObjectProvider<LocalElasticsearchNode> node) {
        LocalElasticsearchNode local = node.getIfAvailable();
        if (local != null) {
            var credentials = local.credentials();
            return new AuditCluster(java.util.List.of(local.httpUri()), credentials.admin(), credentials.writer(),
                    credentials.auditor(), RoleInstallation.FILE);
        }
        AuditStoreProperties.External ext = properties.external();
        return new AuditCluster(properties.urls(), new StoreCredentials(ext.adminUser(), ext.adminPassword()),
                new StoreCredentials(ext.writerUser(), ext.writerPassword()),
                new StoreCredentials(ext.auditorUser(), ext.auditorPassword()), properties.roleInstallation());
    }

    @Bean(destroyMethod = "close")
    DurableAuditTrail auditTrail(AuditStoreProperties properties, AuditCluster cluster, DebuggateHome home,
                                 Masker masking, Clock clock) {
        try (StoreConnection admin = StoreConnection.open(cluster.urls(), cluster.admin(), Duration.ofSeconds(30))) {
            new AuditStoreSetup(admin, cluster.roles()).apply();
        }
        StoreConnection writer = StoreConnection.open(cluster.urls(), cluster.writer(), Duration.ofSeconds(30));
        String instance = properties.instance() != null ? properties.instance() : hostName();
        DurableAuditTrailConfig config = DurableAuditTrailConfig.builder(instance, home.resolve("audit/spool"))
                .fsyncPolicy(properties.fsync())
                .maxStoreOutage(properties.maxStoreOutage())
                .shipper(ShipperConfig.defaults().withLinger(properties.shipLinger()))
                .clock(clock)
                .build();
        return DurableAuditTrail.open(config, masking, writer);
    }

    @Bean(destroyMethod = "close")
    StoreConnection auditorConnection(AuditCluster cluster) {
        return StoreConnection.open(cluster.urls(), cluster.auditor(), Duration.ofSeconds(30));
    }

    @Bean
    AuditSearch auditSearch(StoreConnection auditorConnection) {
        return new AuditSearch(auditorConnection);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        } catch (UnknownHostException e) {
            return "gateway";
        }
    }
}
