package io.debuggate.gateway.identity;

import java.util.List;
import java.util.Set;

/**
 * The documented demo cast, one per role, so a new user can play a whole session on a laptop.
 * Dave holds both lead groups on purpose: he is the person the separation-of-duties rules must
 * stop from signing twice. He is also an auditor, so one demo login can sign and then look the
 * session up in the audit trail (the web UI's walk-through does).
 */
public final class DemoUsers {

    public record DemoUser(String username, String displayName, Set<String> groups) {
    }

    public static final List<DemoUser> ALL = List.of(
            new DemoUser("alice", "Alice (engineer)", Set.of("engineers")),
            new DemoUser("bob", "Bob (dev lead)", Set.of("dev-leads", "engineers")),
            new DemoUser("carol", "Carol (ops lead)", Set.of("ops-leads")),
            new DemoUser("dave", "Dave (dev lead, ops lead, auditor)", Set.of("dev-leads", "ops-leads", "auditors")),
            new DemoUser("erin", "Erin (auditor)", Set.of("auditors")),
            new DemoUser("admin", "Admin", Set.of("admins")));

    private DemoUsers() {
    }
}
