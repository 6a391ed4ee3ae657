package io.debuggate.approval.support;

import io.debuggate.approval.DebugRequestDraft;
import java.util.List;
import java.util.Set;

/** Valid drafts to start from. */
public final class Drafts {

    private Drafts() {
    }

    public static DebugRequestDraft interactive() {
        return new DebugRequestDraft("checkout", "checkout-7d9f-x2", Set.of("dlv", "pprof"), List.of("goroutine", "heap"),
                "interactive", "goroutine leak after the 14:00 deploy, heap grows 200 MB/h", "INC-4711",
                "read-only inspection of goroutines in the payment worker pool", "detach dlv; restart the pod if it stays halted",
                "up to 2 s pauses on one of six replicas", 5, List.of("checkout p99 latency dashboard", "5xx rate alert"), 30);
    }

    public static DebugRequestDraft withReason(String reason) {
        DebugRequestDraft d = interactive();
        return new DebugRequestDraft(d.targetService(), d.targetInstance(), d.tools(), d.pprofProfiles(), d.mode(), reason, d.ticket(),
                d.changeScope(), d.rollbackSteps(), d.expectedImpact(), d.expectedImpactMinutes(), d.monitoringChecks(),
                d.requestedDurationMinutes());
    }
}
