package io.debuggate.approval.notify;

import io.debuggate.approval.event.ApprovalEvent;
import io.debuggate.approval.event.GrantApproved;
import io.debuggate.approval.event.GrantExpired;
import io.debuggate.approval.event.GrantRevoked;
import io.debuggate.approval.event.RequestCancelled;
import io.debuggate.approval.event.RequestExpired;
import io.debuggate.approval.event.RequestRejected;
import io.debuggate.approval.event.RequestSubmitted;
import io.debuggate.approval.event.SignatureRequested;
import java.util.TreeSet;

/** One line a person reads in a chat channel. Ids and names only: no reason text, which may hold customer data. */
final class NotificationText {

    private NotificationText() {
    }

    static String of(ApprovalEvent event) {
        return switch (event) {
            case RequestSubmitted e -> e.requester() + " submitted debug request " + e.requestId() + " for "
                    + e.targetService() + "/" + e.targetInstance() + " (" + String.join(", ", new TreeSet<>(e.tools()))
                    + ", mode " + e.mode() + ")";
            case SignatureRequested e -> "Debug request " + e.requestId() + " by " + e.requester() + " for " + e.targetService()
                    + "/" + e.targetInstance() + " awaits a signature from " + e.requiredGroup() + " (" + e.role()
                    + ") until " + e.approvalDeadline();
            case GrantApproved e -> "Debug request " + e.requestId() + " by " + e.requester() + " for " + e.targetService() + "/"
                    + e.targetInstance() + " was approved by " + String.join(" and ", e.approvers()) + ": "
                    + String.join(", ", new TreeSet<>(e.tools())) + " in mode " + e.mode() + " from " + e.startsAt()
                    + " to " + e.endsAt();
            case RequestRejected e -> "Debug request " + e.requestId() + " by " + e.requester() + " was rejected by "
                    + e.rejectedBy() + " (" + e.role() + ")";
            case RequestExpired e -> "Debug request " + e.requestId() + " by " + e.requester()
                    + " expired without both signatures at " + e.approvalDeadline();
            case RequestCancelled e -> "Debug request " + e.requestId() + " was cancelled by " + e.requester();
            case GrantRevoked e -> "Grant " + e.requestId() + " of " + e.requester() + " on " + e.targetService() + "/"
                    + e.targetInstance() + " was revoked by " + e.revokedBy();
            case GrantExpired e -> "Grant " + e.requestId() + " of " + e.requester() + " on " + e.targetService() + "/"
                    + e.targetInstance() + " ended at " + e.endsAt();
        };
    }
}
