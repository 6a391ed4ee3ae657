package io.debuggate.audit;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How far the audit trail has got, for health endpoints and for the gateway's fail-closed rule.
 *
 * @param recordedSequence last event made durable in the local spool
 * @param shippedSequence last event Elasticsearch has confirmed
 * @param pending events in the spool not yet confirmed by Elasticsearch
 * @param spoolWritable false once the spool could not be written and could not be repaired
 * @param lastContact last time Elasticsearch answered the writer; {@code null} if never since start
 * @param unreachableFor how long shipping has been failing; zero while it works
 * @param maxOutage the policy: how long Elasticsearch may be unreachable before sessions are cut
 */
public record AuditHealth(
        String instance,
        State state,
        long recordedSequence,
        long shippedSequence,
        long pending,
        boolean spoolWritable,
        long spoolBytes,
        @Nullable Instant lastContact,
        Duration unreachableFor,
        Duration maxOutage,
        @Nullable String lastError) {

    /** Overall verdict. */
    public enum State {
        /** Spool writable and Elasticsearch taking events. */
        HEALTHY,
        /** Events are safe in the spool but Elasticsearch is unreachable, still within the policy's budget. */
        DEGRADED,
        /** Fail closed: the spool cannot be written, or Elasticsearch has been unreachable too long. */
        FAILED
    }

    /** True when live sessions must be cut and new ones refused. */
    public boolean failClosed() {
        return state == State.FAILED;
    }

    static State verdict(boolean spoolWritable, boolean storeFailing, Duration unreachableFor, Duration maxOutage) {
        if (!spoolWritable || (storeFailing && unreachableFor.compareTo(maxOutage) > 0)) {
            return State.FAILED;
        }
        return storeFailing ? State.DEGRADED : State.HEALTHY;
    }
}
