package io.debuggate.gateway.web;

import io.debuggate.approval.DebugRequest;
import io.debuggate.approval.RequestState;
import io.debuggate.gateway.requests.RequestView;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A request as its page shows it to one viewer: the request itself, and what this viewer can do
 * with it now.
 *
 * @param live the grant window is open right now
 * @param polling the page keeps refreshing its status (something can still change)
 * @param advice the viewer's signature (role to sign, or the rule that stops them), while signatures are collected
 * @param help connect commands and downloads, for the requester of a live grant
 */
public record RequestDetails(
        RequestView request,
        boolean mine,
        boolean live,
        boolean polling,
        boolean mayRevoke,
        boolean mayCancel,
        SignatureAdvice.@Nullable Advice advice,
        @Nullable SessionHelp help) {

    static RequestDetails of(DebugRequest r, UiUser viewer, SignatureAdvice.@Nullable Advice advice, String gateway,
                             Instant now) {
        boolean mine = r.requester().equals(viewer.username());
        boolean live = r.state() == RequestState.GRANTED && r.grant() != null && r.grant().contains(now);
        boolean signer = r.validSignatures().stream().anyMatch(s -> s.signer().equals(viewer.username()));
        boolean mayRevoke = r.state() == RequestState.GRANTED && (mine || signer || viewer.admin());
        boolean mayCancel = mine && r.state().awaitsSignatures();
        SessionHelp help = mine && live && r.draft().tools() != null
                ? SessionHelp.of(r.id(), gateway, r.draft().tools(),
                        r.draft().pprofProfiles() == null ? java.util.List.of() : r.draft().pprofProfiles())
                : null;
        boolean polling = !r.state().isFinal();
        return new RequestDetails(RequestView.of(r), mine, live, polling, mayRevoke, mayCancel, advice, help);
    }
}
