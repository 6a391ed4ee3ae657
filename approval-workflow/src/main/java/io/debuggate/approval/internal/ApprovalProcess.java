package io.debuggate.approval.internal;

import io.debuggate.approval.ApproverGroups;
import io.debuggate.approval.SignatureDecision;
import io.debuggate.approval.SignatureRole;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.runtime.Execution;
import org.flowable.task.api.Task;
import org.jspecify.annotations.Nullable;

/**
 * Our only door into Flowable: starts {@code dual-signature.bpmn20.xml}, completes its two user
 * tasks and sends it the edit, cancel and revoke messages. It checks no identities — Flowable
 * cannot — so callers must have passed {@link io.debuggate.approval.policy.DualSignaturePolicy} first.
 */
public class ApprovalProcess {

    public static final String PROCESS_KEY = "dualSignature";
    static final String VAR_APPROVAL_DEADLINE = "approvalDeadline";
    static final String VAR_GRANT_END = "grantEnd";
    static final String VAR_DEV_LEAD_GROUP = "devLeadGroup";
    static final String VAR_OPS_LEAD_GROUP = "opsLeadGroup";
    static final String VAR_EXPIRY_RETRY_CYCLE = "expiryRetryCycle";
    /** Transient: read only by the gateway right after the task, never stored by Flowable. */
    static final String VAR_DECISION = "decision";
    static final String MESSAGE_EDITED = "requestEdited";
    static final String MESSAGE_CANCELLED = "requestCancelled";
    static final String MESSAGE_REVOKED = "grantRevoked";
    static final String GRANT_WAIT_ACTIVITY = "grantWindowEnded";

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final String expiryRetryCycle;

    /**
     * @param expiryRetryCycle ISO-8601 repeat, e.g. {@code R1440/PT1M}: how often an expiry that
     *     failed (audit trail down) is retried
     */
    public ApprovalProcess(RuntimeService runtime, TaskService tasks, String expiryRetryCycle) {
        this.runtime = runtime;
        this.tasks = tasks;
        this.expiryRetryCycle = expiryRetryCycle;
    }

    /** Starts the process with the request id as business key; the approval TTL timer fires at {@code approvalDeadline}. */
    public String start(String requestId, Instant approvalDeadline, ApproverGroups groups) {
        Map<String, Object> vars = new HashMap<>();
        vars.put(VAR_APPROVAL_DEADLINE, approvalDeadline.toString());
        vars.put(VAR_DEV_LEAD_GROUP, groups.devLeads());
        vars.put(VAR_OPS_LEAD_GROUP, groups.opsLeads());
        vars.put(VAR_EXPIRY_RETRY_CYCLE, expiryRetryCycle);
        return runtime.startProcessInstanceByKey(PROCESS_KEY, requestId, vars).getId();
    }

    public Optional<Task> openTask(String processInstanceId, SignatureRole role) {
        return Optional.ofNullable(tasks.createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey(role.taskKey()).singleResult());
    }

    /** Open signature tasks whose candidate group is one of {@code groups}, oldest first. */
    public List<Task> openTasksForGroups(Set<String> groups) {
        if (groups.isEmpty()) {
            return List.of();
        }
        return tasks.createTaskQuery().processDefinitionKey(PROCESS_KEY).taskCandidateGroupIn(List.copyOf(groups))
                .orderByTaskCreateTime().asc().list();
    }

    /**
     * Completes a signature task. {@code grantEnd} is set by the signature that completes the
     * pair; the process then waits for that instant (or a revoke) in the grant phase.
     */
    public void complete(Task task, SignatureDecision decision, @Nullable Instant grantEnd) {
        Map<String, Object> vars = new HashMap<>();
        if (grantEnd != null) {
            vars.put(VAR_GRANT_END, grantEnd.toString());
        }
        Map<String, Object> transientVars = Map.of(VAR_DECISION, decision == SignatureDecision.APPROVED ? "approved" : "rejected");
        tasks.complete(task.getId(), vars, transientVars);
    }

    /** True once both signatures are in and the process waits for the end of the grant window. */
    public boolean inGrantPhase(String processInstanceId) {
        return runtime.createExecutionQuery().processInstanceId(processInstanceId).activityId(GRANT_WAIT_ACTIVITY).count() > 0;
    }

    public void sendEdited(String processInstanceId) {
        send(processInstanceId, MESSAGE_EDITED);
    }

    public void sendCancelled(String processInstanceId) {
        send(processInstanceId, MESSAGE_CANCELLED);
    }

    public void sendRevoked(String processInstanceId) {
        send(processInstanceId, MESSAGE_REVOKED);
    }

    private void send(String processInstanceId, String message) {
        Execution waiting = runtime.createExecutionQuery().processInstanceId(processInstanceId)
                .messageEventSubscriptionName(message).singleResult();
        if (waiting == null) {
            throw new IllegalStateException("process " + processInstanceId + " does not wait for message '" + message
                    + "'; our request state and the process disagree");
        }
        runtime.messageEventReceived(message, waiting.getId());
    }
}
