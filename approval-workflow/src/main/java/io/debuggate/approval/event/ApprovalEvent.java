package io.debuggate.approval.event;

import java.time.Instant;

/** Common shape of every approval event. */
public sealed interface ApprovalEvent
        permits RequestSubmitted, SignatureRequested, GrantApproved, RequestRejected, RequestExpired, RequestCancelled,
                GrantRevoked, GrantExpired {

    String requestId();

    /** The requester of the request the event is about. */
    String requester();

    Instant at();
}
