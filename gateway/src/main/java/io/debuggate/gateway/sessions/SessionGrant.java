package io.debuggate.gateway.sessions;

import io.debuggate.approval.ActiveGrant;
import io.debuggate.gateway.identity.CurrentCaller;
import io.debuggate.gateway.targets.Target;

/** A session the caller may use now: the grant that allows it and the target it reaches. */
public record SessionGrant(String sessionId, CurrentCaller caller, Target target, ActiveGrant grant) {
}
