package io.debuggate.gateway.pprof;

import io.debuggate.approval.ActiveGrant;
import io.debuggate.gateway.policy.ActivePolicy;
import io.debuggate.approval.request.DraftVocabulary;
import io.debuggate.policies.DecisionCode;
import io.debuggate.policies.ModePolicy;
import io.debuggate.policies.PolicyDecision;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Two checks, both must pass: the grant names the profile (what the approvers signed), and the
 * mode's policy allows the profile with these exact parameters (bounds on seconds, debug, gc).
 * A request can name only the standard profiles ({@link DraftVocabulary#PPROF_PROFILES}); the
 * other endpoints (the index, {@code symbol}, {@code cmdline}, a service's custom profiles) are
 * allowed by the mode's policy alone, which lists none of them but the index and {@code symbol}
 * by default.
 */
@Component
class PolicyPprofGuard implements PprofGuard {

    private final ActivePolicy policies;

    PolicyPprofGuard(ActivePolicy policies) {
        this.policies = policies;
    }

    @Override
    public Verdict check(ActiveGrant grant, String profile, Map<String, List<String>> query) {
        String name = profile.isEmpty() ? "index" : profile;
        if (DraftVocabulary.PPROF_PROFILES.contains(name) && !grant.pprofProfiles().isEmpty()
                && !grant.pprofProfiles().contains(name)) {
            return Verdict.deny("profile-not-granted", 403, "profile '" + name + "' was not approved for session "
                    + grant.requestId() + " (approved: " + String.join(", ", grant.pprofProfiles())
                    + "); request a session that names it");
        }
        Optional<ModePolicy> mode = policies.mode(grant.mode(), grant.targetService() + "/" + grant.targetInstance());
        if (mode.isEmpty()) {
            return Verdict.deny("unknown-mode", 403, "the policy has no mode '" + grant.mode()
                    + "'; an admin must restore it or the session must be requested again");
        }
        PolicyDecision decision = mode.get().pprof().decide(profile, query);
        if (decision.denied()) {
            // An endpoint the mode does not allow (cmdline, an unknown profile) is forbidden; a bad parameter is bad input.
            int status = decision.code() == DecisionCode.NOT_ALLOWED ? 403 : 400;
            return Verdict.deny("policy-" + decision.code().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    status, decision.message());
        }
        return Verdict.allow(canonicalQuery(query));
    }

    /** Rebuilt from the validated parameters, sorted, so the agent never sees client-chosen encoding. */
    private static String canonicalQuery(Map<String, List<String>> query) {
        return new TreeMap<>(query).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue().getFirst(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
