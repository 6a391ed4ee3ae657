package io.debuggate.approval.config;

import io.debuggate.approval.ApprovalService;
import io.debuggate.approval.ApproverGroups;
import io.debuggate.approval.GrantService;
import io.debuggate.approval.SessionDurationLimits;
import io.debuggate.approval.internal.ApprovalProcess;
import io.debuggate.approval.internal.AuditedChanges;
import io.debuggate.approval.internal.GrantCache;
import io.debuggate.approval.internal.GrantExpiryDelegate;
import io.debuggate.approval.internal.GrantLifecycle;
import io.debuggate.approval.internal.GrantStore;
import io.debuggate.approval.internal.RequestDesk;
import io.debuggate.approval.internal.RequestExpiryDelegate;
import io.debuggate.approval.internal.RequestQueries;
import io.debuggate.approval.internal.RequestStore;
import io.debuggate.approval.internal.RequestViews;
import io.debuggate.approval.internal.SignatureDesk;
import io.debuggate.approval.internal.SignatureStore;
import io.debuggate.approval.notify.ApprovalNotifier;
import io.debuggate.approval.policy.DualSignaturePolicy;
import io.debuggate.approval.request.DraftLimits;
import io.debuggate.approval.request.DraftValidator;
import io.debuggate.audit.AuditTrail;
import java.time.Clock;
import javax.sql.DataSource;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.spring.boot.ProcessEngineServicesAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.DataSourceInitializer;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires the approval workflow onto the application's DataSource, transaction manager and Flowable
 * engine (all three shared, so our rows and Flowable's commit together). Needs one
 * {@link AuditTrail} bean: without it the application does not start, because approvals without
 * an audit trail are not allowed.
 */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
        ProcessEngineServicesAutoConfiguration.class})
@EnableConfigurationProperties(ApprovalProperties.class)
public class ApprovalWorkflowAutoConfiguration {

    static final String SCHEMA = "io/debuggate/approval/approval-schema.sql";

    private final ApprovalProperties properties;

    public ApprovalWorkflowAutoConfiguration(ApprovalProperties properties) {
        this.properties = properties;
    }

    @Bean
    DataSourceInitializer approvalSchemaInitializer(DataSource dataSource) {
        DataSourceInitializer initializer = new DataSourceInitializer();
        initializer.setDataSource(dataSource);
        initializer.setDatabasePopulator(new ResourceDatabasePopulator(new ClassPathResource(SCHEMA)));
        initializer.setEnabled(properties.initializeSchema());
        return initializer;
    }

    @Bean
    @ConditionalOnMissingBean
    Clock approvalClock() {
        return Clock.systemUTC();
    }

    @Bean
    ApproverGroups approverGroups() {
        return properties.groups().toApproverGroups();
    }

    @Bean
    DualSignaturePolicy dualSignaturePolicy(ApproverGroups groups) {
        return new DualSignaturePolicy(groups);
    }

    @Bean
    ApprovalStores approvalStores(DataSource dataSource) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        return new ApprovalStores(new RequestStore(jdbc), new SignatureStore(jdbc), new GrantStore(jdbc));
    }

    @Bean
    RequestViews approvalRequestViews(ApprovalStores stores) {
        return new RequestViews(stores.requests(), stores.signatures(), stores.grants());
    }

    @Bean
    GrantCache approvalGrantCache(ApprovalStores stores, Clock clock) {
        return new GrantCache(stores.grants(), clock, properties.grantCacheTtl());
    }

    @Bean
    GrantService grantService(GrantCache cache, Clock clock) {
        return new GrantService(cache, clock);
    }

    @Bean
    ApprovalProcess approvalProcess(RuntimeService runtime, TaskService tasks) {
        return new ApprovalProcess(runtime, tasks, properties.expiryRetryCycle());
    }

    @Bean
    AuditedChanges approvalAuditedChanges(PlatformTransactionManager transactionManager, AuditTrail trail,
            ApplicationEventPublisher events) {
        return new AuditedChanges(transactionManager, trail, events);
    }

    @Bean
    GrantLifecycle approvalGrantLifecycle(RequestViews views, ApprovalStores stores, GrantCache cache, ApprovalProcess process,
            ApproverGroups groups, AuditedChanges changes, Clock clock) {
        return new GrantLifecycle(views, stores.requests(), stores.grants(), cache, process, groups, changes, clock);
    }

    /** Named as {@code dual-signature.bpmn20.xml} refers to it. */
    @Bean("approvalRequestExpiry")
    RequestExpiryDelegate approvalRequestExpiry(GrantLifecycle lifecycle) {
        return new RequestExpiryDelegate(lifecycle);
    }

    /** Named as {@code dual-signature.bpmn20.xml} refers to it. */
    @Bean("approvalGrantExpiry")
    GrantExpiryDelegate approvalGrantExpiry(GrantLifecycle lifecycle) {
        return new GrantExpiryDelegate(lifecycle);
    }

    @Bean
    ApprovalService approvalService(RequestViews views, ApprovalStores stores, ApprovalProcess process, DualSignaturePolicy policy,
            ApproverGroups groups, AuditedChanges changes, GrantCache cache, GrantLifecycle lifecycle, Clock clock,
            ObjectProvider<SessionDurationLimits> sessionLimits) {
        DraftValidator validator = new DraftValidator(new DraftLimits(properties.maxGrantDuration(), properties.defaultGrantDuration()),
                sessionLimits.getIfAvailable(() -> SessionDurationLimits.NONE));
        RequestDesk desk = new RequestDesk(views, stores.requests(), stores.signatures(), process, validator, groups,
                properties.approvalTtl(), changes, clock);
        SignatureDesk signatures = new SignatureDesk(views, stores.requests(), stores.signatures(), stores.grants(), process, policy,
                groups, changes, cache, clock);
        RequestQueries queries = new RequestQueries(views, stores.requests(), process, policy, groups, clock);
        return new ApprovalService(desk, signatures, lifecycle, queries);
    }

    @Bean(destroyMethod = "close")
    ApprovalNotifier approvalNotifier() {
        return new ApprovalNotifier(properties.webhooks().stream().map(ApprovalProperties.Webhook::toTarget).toList(),
                properties.webhookRetry().toWebhookRetry());
    }

    /** The three stores share one JdbcClient on the application's DataSource. */
    record ApprovalStores(RequestStore requests, SignatureStore signatures, GrantStore grants) {
    }
}
