package io.debuggate.approval;

/** The two signatures a request needs; each is one user task in the BPMN process. */
public enum SignatureRole {
    DEV_LEAD("devLeadSignature"),
    OPS_LEAD("opsLeadSignature");

    private final String taskKey;

    SignatureRole(String taskKey) {
        this.taskKey = taskKey;
    }

    /** The user task's id in {@code dual-signature.bpmn20.xml}. */
    public String taskKey() {
        return taskKey;
    }

    public SignatureRole sibling() {
        return this == DEV_LEAD ? OPS_LEAD : DEV_LEAD;
    }

    public static SignatureRole ofTaskKey(String taskKey) {
        for (SignatureRole role : values()) {
            if (role.taskKey.equals(taskKey)) {
                return role;
            }
        }
        throw new IllegalArgumentException("no signature role for task '" + taskKey + "'");
    }
}
