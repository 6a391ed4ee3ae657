package io.debuggate.gateway.pprof;

import io.debuggate.approval.ActiveGrant;
import io.debuggate.policies.ModePolicy;
import io.debuggate.policies.PolicyDecision;
import io.debuggate.policies.PolicySet;
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
 */
@Component
class PolicyPprofGuard implements PprofGuard {

    private final PolicySet policies;

    PolicyPprofGuard(PolicySet policies) {
        this.policies = policies;
    }

    @Override
    public Verdict check(ActiveGrant grant, String profile, Map<String, List<String>> query) {
        String name = profile.isEmpty() ? "index" : profile;
        if (!name.equals("index") && !grant.pprofProfiles().isEmpty() && !grant.pprofProfiles().contains(name)) {
            return Verdict.deny("profile-not-granted", 403, "profile '" + name + "' was not approved for session "
                    + grant.requestId() + " (approved: " + String.join(", ", grant.pprofProfiles())
                    + "); request a session that names it");
        }
        Optional<ModePolicy> mode = policies.findMode(grant.mode());
        if (mode.isEmpty()) {
            return Verdict.deny("unknown-mode", 403, "the policy has no mode '" + grant.mode()
                    + "'; an admin must restore it or the session must be requested again");
        }
        PolicyDecision decision = mode.get().pprof().decide(profile, query);
        if (decision.denied()) {
            return Verdict.deny("policy-" + decision.code().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    400, decision.message());
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
