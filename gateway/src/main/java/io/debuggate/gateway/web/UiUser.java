package io.debuggate.gateway.web;

import io.debuggate.approval.Caller;
import io.debuggate.gateway.auditapi.AuditorAccess;
import io.debuggate.gateway.identity.CurrentCaller;
import java.util.List;
import java.util.TreeSet;
import org.springframework.security.core.Authentication;

/**
 * The signed-in person as the pages need them: name, groups, and which parts of the UI are theirs.
 * Showing a link is a convenience; every action is checked again by the service behind it.
 */
public record UiUser(String username, List<String> groups, boolean approver, boolean auditor, boolean admin) {

    static final String DEV_LEADS = "dev-leads";
    static final String OPS_LEADS = "ops-leads";
    static final String ADMINS = "admins";

    static UiUser of(Authentication authentication) {
        CurrentCaller caller = CurrentCaller.from(authentication);
        return new UiUser(caller.username(), List.copyOf(new TreeSet<>(caller.groups())),
                caller.inGroup(DEV_LEADS) || caller.inGroup(OPS_LEADS),
                AuditorAccess.mayAudit(caller), caller.inGroup(ADMINS));
    }

    static Caller caller(Authentication authentication) {
        CurrentCaller current = CurrentCaller.from(authentication);
        return new Caller(current.username(), current.groups());
    }
}
