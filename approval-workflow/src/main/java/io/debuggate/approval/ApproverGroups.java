package io.debuggate.approval;

import java.util.Objects;

/**
 * The group names that carry approval rights, as they appear in tokens.
 *
 * @param devLeads the group whose members sign the dev-lead task
 * @param opsLeads the group whose members sign the ops-lead task
 * @param admins the group whose members may revoke any grant
 */
public record ApproverGroups(String devLeads, String opsLeads, String admins) {

    public static final ApproverGroups DEFAULTS = new ApproverGroups("dev-leads", "ops-leads", "admins");

    public ApproverGroups {
        requireName("devLeads", devLeads);
        requireName("opsLeads", opsLeads);
        requireName("admins", admins);
        if (devLeads.equals(opsLeads)) {
            throw new IllegalArgumentException("debuggate.approval.groups.dev-leads and ops-leads are both '" + devLeads
                    + "': dual signature needs two different groups, set them to different names");
        }
    }

    private static void requireName(String property, String value) {
        Objects.requireNonNull(value, property);
        if (value.isBlank()) {
            throw new IllegalArgumentException("debuggate.approval.groups." + property + " is blank: set it to the group name your identity provider puts in tokens");
        }
    }

    public String requiredGroup(SignatureRole role) {
        return switch (role) {
            case DEV_LEAD -> devLeads;
            case OPS_LEAD -> opsLeads;
        };
    }
}
