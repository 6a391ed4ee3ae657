package io.debuggate.approval.internal;

import io.debuggate.approval.ApproverGroups;
import io.debuggate.approval.Caller;
import io.debuggate.approval.DebugRequest;
import io.debuggate.approval.PendingSignature;
import io.debuggate.approval.SignatureDecision;
import io.debuggate.approval.SignatureRole;
import io.debuggate.approval.policy.DualSignaturePolicy;
import io.debuggate.approval.policy.SignatureAttempt;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.flowable.task.api.Task;

/** Reads: one request, my requests, and the approver's inbox (filtered by the same checklist that guards signing). */
public class RequestQueries {

    private final RequestViews views;
    private final RequestStore requests;
    private final ApprovalProcess process;
    private final DualSignaturePolicy policy;
    private final ApproverGroups groups;
    private final Clock clock;

    public RequestQueries(RequestViews views, RequestStore requests, ApprovalProcess process, DualSignaturePolicy policy,
            ApproverGroups groups, Clock clock) {
        this.views = views;
        this.requests = requests;
        this.process = process;
        this.policy = policy;
        this.groups = groups;
        this.clock = clock;
    }

    public DebugRequest get(String requestId) {
        return views.view(requestId);
    }

    public List<DebugRequest> listMine(Caller caller) {
        return requests.byRequester(caller.username()).stream().map(views::view).toList();
    }

    /** Tasks the caller could sign right now: never their own requests, never a sibling of one they signed. */
    public List<PendingSignature> pendingFor(Caller caller) {
        List<Task> tasks = process.openTasksForGroups(caller.groups());
        Map<String, Set<SignatureRole>> openByProcess = new HashMap<>();
        for (Task task : tasks) {
            openByProcess.computeIfAbsent(task.getProcessInstanceId(), k -> EnumSet.noneOf(SignatureRole.class))
                    .add(SignatureRole.ofTaskKey(task.getTaskDefinitionKey()));
        }
        Instant now = Timestamps.now(clock);
        List<PendingSignature> inbox = new ArrayList<>();
        for (RequestRecord record : requests.byProcessInstanceIds(List.copyOf(openByProcess.keySet()))) {
            DebugRequest view = views.view(record);
            Set<SignatureRole> open = openTasksOf(record);
            for (SignatureRole role : openByProcess.get(record.processInstanceId()).stream().sorted().collect(Collectors.toList())) {
                SignatureAttempt attempt = new SignatureAttempt(caller, view, role, SignatureDecision.APPROVED, open, null, now);
                if (policy.firstViolation(attempt).isEmpty()) {
                    inbox.add(new PendingSignature(view, role, groups.requiredGroup(role)));
                }
            }
        }
        return inbox;
    }

    private Set<SignatureRole> openTasksOf(RequestRecord record) {
        Set<SignatureRole> open = EnumSet.noneOf(SignatureRole.class);
        for (SignatureRole role : SignatureRole.values()) {
            process.openTask(record.requireProcessInstanceId(), role).ifPresent(t -> open.add(role));
        }
        return open;
    }
}
