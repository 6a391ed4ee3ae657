package io.debuggate.approval;

/**
 * An item in an approver's inbox: a request and the task the caller may sign on it.
 *
 * @param request the request
 * @param role the task the caller may sign
 * @param requiredGroup the group that entitles the caller
 */
public record PendingSignature(DebugRequest request, SignatureRole role, String requiredGroup) {
}
