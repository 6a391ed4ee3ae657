package io.debuggate.approval.support;

import io.debuggate.audit.AuditReceipt;
import io.debuggate.audit.AuditRecord;
import io.debuggate.audit.AuditTrail;
import io.debuggate.audit.AuditUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * In-memory audit trail for tests: records into a list, and can be told to refuse some or all
 * events the way the real trail does when it cannot make an event durable.
 */
public class RecordingAuditTrail implements AuditTrail {

    private final List<AuditRecord> records = new ArrayList<>();
    private Predicate<AuditRecord> refuse = r -> false;
    private long sequence;

    @Override
    public synchronized AuditReceipt record(AuditRecord record) {
        if (refuse.test(record)) {
            throw new AuditUnavailableException("test trail refuses " + record.action());
        }
        records.add(record);
        sequence++;
        return new AuditReceipt("ev-" + sequence, sequence, "hash-" + sequence);
    }

    public synchronized List<AuditRecord> records() {
        return List.copyOf(records);
    }

    public synchronized List<AuditRecord> forRequest(String requestId) {
        return records.stream().filter(r -> requestId.equals(r.requestId())).toList();
    }

    public synchronized List<String> actionsFor(String requestId) {
        return forRequest(requestId).stream().map(AuditRecord::action).toList();
    }

    public synchronized void refuseWhen(Predicate<AuditRecord> condition) {
        this.refuse = condition;
    }

    public synchronized void refuseAll() {
        this.refuse = r -> true;
    }

    public synchronized void reset() {
        records.clear();
        refuse = r -> false;
    }
}
