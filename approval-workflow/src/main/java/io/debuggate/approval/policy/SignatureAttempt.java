package io.debuggate.approval.policy;

import io.debuggate.approval.Caller;
import io.debuggate.approval.DebugRequest;
import io.debuggate.approval.SignatureDecision;
import io.debuggate.approval.SignatureRole;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Everything a signature rule may look at.
 *
 * @param caller who signs, from the verified token
 * @param request the request as stored now
 * @param role the task being signed
 * @param decision approve or reject
 * @param openRoles the tasks Flowable still has open for this request
 * @param reviewedContentHash the hash the signer says they reviewed, or {@code null}
 * @param now the current instant from the injected clock
 */
public record SignatureAttempt(
        Caller caller,
        DebugRequest request,
        SignatureRole role,
        SignatureDecision decision,
        Set<SignatureRole> openRoles,
        @Nullable String reviewedContentHash,
        Instant now) {

    public SignatureAttempt {
        openRoles = Set.copyOf(openRoles);
    }
}
