package io.debuggate.audit.event;

/**
 * Field names of a stored audit event: Elastic Common Schema where a field exists there, our own
 * under {@code debuggate.*}. The index template in {@code deploy/elasticsearch} maps exactly these.
 *
 * <table>
 * <tr><th>field</th><th>meaning</th></tr>
 * <tr><td>{@code @timestamp}</td><td>when the gateway recorded the event (UTC, milliseconds)</td></tr>
 * <tr><td>{@code message}</td><td>masked one-line summary, full-text searchable</td></tr>
 * <tr><td>{@code event.id}</td><td>{@code <instance>-<sequence>}, also the document {@code _id}</td></tr>
 * <tr><td>{@code event.kind}, {@code event.dataset}</td><td>{@code event}, {@code debuggate.audit}</td></tr>
 * <tr><td>{@code event.action}</td><td>stable code from {@code AuditActions}</td></tr>
 * <tr><td>{@code event.outcome}</td><td>{@code success}, {@code failure} or {@code denied}</td></tr>
 * <tr><td>{@code event.sequence}</td><td>position in the instance's chain, from 1, no gaps</td></tr>
 * <tr><td>{@code user.name}</td><td>acting user ({@code system} for the gateway)</td></tr>
 * <tr><td>{@code trace.id}</td><td>distributed trace id, when the caller had one</td></tr>
 * <tr><td>{@code debuggate.session|target|request}</td><td>debug session, target, access request ids</td></tr>
 * <tr><td>{@code debuggate.reason}</td><td>masked free text</td></tr>
 * <tr><td>{@code debuggate.details}</td><td>masked structured payload (flattened)</td></tr>
 * <tr><td>{@code debuggate.chain.instance}</td><td>gateway instance whose chain this is</td></tr>
 * <tr><td>{@code debuggate.chain.prev}</td><td>hash of the previous event (64 zeros before the first)</td></tr>
 * <tr><td>{@code debuggate.chain.hash}</td><td>SHA-256 of the canonical JSON of this event without this field</td></tr>
 * </table>
 */
public final class AuditEventFields {

    public static final String TIMESTAMP = "@timestamp";
    public static final String MESSAGE = "message";
    public static final String EVENT_ID = "event.id";
    public static final String EVENT_ACTION = "event.action";
    public static final String EVENT_OUTCOME = "event.outcome";
    public static final String EVENT_SEQUENCE = "event.sequence";
    public static final String USER_NAME = "user.name";
    public static final String TRACE_ID = "trace.id";
    public static final String SESSION = "debuggate.session";
    public static final String TARGET = "debuggate.target";
    public static final String REQUEST = "debuggate.request";
    public static final String REASON = "debuggate.reason";
    public static final String DETAILS = "debuggate.details";
    public static final String CHAIN_INSTANCE = "debuggate.chain.instance";
    public static final String CHAIN_PREV = "debuggate.chain.prev";
    public static final String CHAIN_HASH = "debuggate.chain.hash";

    public static final String EVENT_KIND = "event";
    public static final String EVENT_DATASET = "debuggate.audit";

    private AuditEventFields() {
    }
}
