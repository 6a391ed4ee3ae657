package io.debuggate.approval.internal;

import io.debuggate.audit.AuditOutcome;
import io.debuggate.audit.AuditRecord;
import io.debuggate.audit.AuditTrail;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The unit of work of every state change: our rows, Flowable's rows and the audit events commit
 * together or not at all.
 *
 * <p>Order, chosen deliberately: the work writes our tables and drives Flowable first (so a lost
 * race or a constraint fails before anything is claimed), then, in {@code beforeCommit}, the audit
 * events are recorded in order, then the database commits. If the trail throws, Spring rolls the
 * transaction back and the caller sees the {@link io.debuggate.audit.AuditUnavailableException}:
 * no change without its record (fail closed). The one remaining gap — the trail took the event but
 * the commit itself then failed — is closed by recording a compensating {@code failure} event for
 * each event already recorded. Domain events are published only after commit, so no listener ever
 * acts on a change that was rolled back.
 *
 * <p>Flowable's timer jobs run inside a Spring transaction too, so the delegates they call use the
 * same hooks.
 */
public class AuditedChanges {

    private static final Logger log = LoggerFactory.getLogger(AuditedChanges.class);

    private final TransactionTemplate transactions;
    private final AuditTrail trail;
    private final ApplicationEventPublisher events;

    public AuditedChanges(PlatformTransactionManager transactionManager, AuditTrail trail, ApplicationEventPublisher events) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.trail = trail;
        this.events = events;
    }

    /** Runs {@code work} in one transaction; optimistic-lock failures from Flowable surface as concurrent changes. */
    public <T> T run(String requestId, Supplier<T> work) {
        try {
            return transactions.execute(status -> work.get());
        } catch (OptimisticLockingFailureException | org.flowable.common.engine.api.FlowableOptimisticLockingException e) {
            throw new io.debuggate.approval.ConcurrentRequestChangeException(requestId, e);
        }
    }

    /** Records {@code event} in the audit trail just before the current transaction commits; a failure rolls it back. */
    public void recordBeforeCommit(AuditRecord event) {
        hooks().audit.add(event);
    }

    /** Publishes {@code event} once the current transaction has committed. */
    public void publishAfterCommit(Object event) {
        hooks().afterCommit.add(() -> events.publishEvent(event));
    }

    /** Runs {@code action} once the current transaction has committed (cache invalidation). */
    public void afterCommit(Runnable action) {
        hooks().afterCommit.add(action);
    }

    /** Records a refusal at once: the refused change never reaches a transaction, but the refusal must be on record. */
    public void recordNow(AuditRecord event) {
        trail.record(event);
    }

    private Hooks hooks() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("state changes must run inside AuditedChanges.run or a Flowable job transaction");
        }
        Hooks hooks = (Hooks) TransactionSynchronizationManager.getResource(this);
        if (hooks == null) {
            hooks = new Hooks();
            TransactionSynchronizationManager.bindResource(this, hooks);
            TransactionSynchronizationManager.registerSynchronization(hooks);
        }
        return hooks;
    }

    private final class Hooks implements TransactionSynchronization {
        private final List<AuditRecord> audit = new ArrayList<>();
        private final List<AuditRecord> recorded = new ArrayList<>();
        private final List<Runnable> afterCommit = new ArrayList<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            for (AuditRecord event : audit) {
                trail.record(event);
                recorded.add(event);
            }
        }

        @Override
        public void afterCommit() {
            for (Runnable action : afterCommit) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    // The change is committed and audited; a failing listener must not turn it into an error for the caller.
                    log.error("event=approval_after_commit_failed error={}", e.toString(), e);
                }
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(AuditedChanges.this);
            if (status != STATUS_COMMITTED) {
                compensate();
            }
        }

        private void compensate() {
            for (AuditRecord event : recorded) {
                AuditRecord.Builder undo = AuditRecord.of(event.action(), AuditOutcome.FAILURE, event.user())
                        .request(event.requestId()).target(event.target())
                        .reason("change rolled back after it was recorded; the earlier success event did not take effect");
                try {
                    trail.record(undo.build());
                } catch (RuntimeException e) {
                    log.error("event=approval_audit_compensation_failed action={} request={} error={}", event.action(), event.requestId(), e.toString());
                }
            }
        }
    }
}
