package io.debuggate.approval;

/**
 * The caller may not do this to this request (wrong person, wrong group, wrong moment). The refusal
 * is already in the audit trail when this is thrown. The gateway maps this to 403.
 */
public class ActionRefusedException extends RuntimeException {

    private final String rule;

    public ActionRefusedException(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    /** The stable name of the rule that refused, e.g. {@code not-the-requester}. */
    public String rule() {
        return rule;
    }
}
