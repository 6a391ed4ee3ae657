package io.debuggate.audit;

/**
 * The one door into the audit trail. {@link #record} returns only once the event is durable
 * (spooled locally, masked and chained); callers that cannot record must fail closed.
 */
public interface AuditTrail {

    /**
     * Masks, chains and durably stores the event.
     *
     * @throws AuditUnavailableException when the event cannot be made durable; the caller must
     *     refuse or cut whatever it was about to do
     */
    AuditReceipt record(AuditRecord record);
}
