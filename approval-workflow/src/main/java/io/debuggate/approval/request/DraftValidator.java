package io.debuggate.approval.request;

import io.debuggate.approval.DebugRequestDraft;
import io.debuggate.approval.FieldError;
import io.debuggate.approval.RequestValidationException;
import io.debuggate.approval.SessionDurationLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks every field of a draft and reports all problems at once; on success returns the
 * normalized draft (trimmed text, lower-case vocabulary, sorted tools and profiles, the default
 * duration filled in), which is what gets stored and hashed.
 */
public final class DraftValidator {

    private static final Pattern SERVICE = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._:-]{0,251}[A-Za-z0-9])?");
    private static final Pattern TICKET = Pattern.compile("[A-Za-z][A-Za-z0-9_]*-[0-9]+|https://\\S+");
    private static final int MIN_REASON = 10;
    private static final int MAX_TEXT = 2000;
    private static final int MAX_ROLLBACK = 4000;
    private static final int MAX_CHECKS = 20;
    private static final int MAX_CHECK_LENGTH = 500;

    private final DraftLimits limits;
    private final SessionDurationLimits sessionLimits;

    public DraftValidator(DraftLimits limits) {
        this(limits, SessionDurationLimits.NONE);
    }

    public DraftValidator(DraftLimits limits, SessionDurationLimits sessionLimits) {
        this.limits = limits;
        this.sessionLimits = sessionLimits;
    }

    public DebugRequestDraft validate(@Nullable DebugRequestDraft draft) {
        if (draft == null) {
            throw new RequestValidationException(List.of(new FieldError("draft", "is missing; send the request fields as a JSON object")));
        }
        List<FieldError> errors = new ArrayList<>();
        String service = matching(errors, "targetService", draft.targetService(), SERVICE,
                "use 1-63 lower-case letters, digits or '-', starting and ending with a letter or digit");
        String instance = matching(errors, "targetInstance", draft.targetInstance(), INSTANCE,
                "use 1-253 letters, digits, '.', '_', ':' or '-', starting and ending with a letter or digit");
        Set<String> tools = tools(errors, draft.tools());
        String mode = mode(errors, draft.mode(), tools);
        List<String> profiles = profiles(errors, draft.pprofProfiles(), tools);
        String reason = text(errors, "reason", draft.reason(), MIN_REASON, MAX_TEXT);
        String ticket = matching(errors, "ticket", draft.ticket(), TICKET, "give a ticket key like INC-4711 or an https:// link");
        String scope = text(errors, "changeScope", draft.changeScope(), 1, MAX_TEXT);
        String rollback = text(errors, "rollbackSteps", draft.rollbackSteps(), 1, MAX_ROLLBACK);
        String impact = text(errors, "expectedImpact", draft.expectedImpact(), 1, MAX_TEXT);
        List<String> checks = monitoringChecks(errors, draft.monitoringChecks());
        // The policy's limit applies only to a well-formed target and mode: otherwise there is nothing to look up.
        Optional<SessionDurationLimits.Limit> policyLimit = errors.isEmpty()
                ? sessionLimits.limitFor(mode, service, instance) : Optional.empty();
        Integer duration = duration(errors, draft.requestedDurationMinutes(), policyLimit);
        Integer impactMinutes = impactMinutes(errors, draft.expectedImpactMinutes(), duration);
        if (!errors.isEmpty()) {
            throw new RequestValidationException(errors);
        }
        return new DebugRequestDraft(service, instance, tools, profiles, mode, reason, ticket, scope, rollback, impact,
                impactMinutes, checks, duration);
    }

    private static String matching(List<FieldError> errors, String field, @Nullable String raw, Pattern pattern, String fix) {
        String value = raw == null ? "" : raw.strip();
        if (value.isEmpty()) {
            errors.add(new FieldError(field, "is required; " + fix));
        } else if (!pattern.matcher(value).matches()) {
            errors.add(new FieldError(field, "is '" + abbreviate(value) + "'; " + fix));
        }
        return value;
    }

    private static String text(List<FieldError> errors, String field, @Nullable String raw, int min, int max) {
        String value = raw == null ? "" : raw.strip();
        if (value.isEmpty()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.length() < min) {
            errors.add(new FieldError(field, "is " + value.length() + " characters long; write at least " + min));
        } else if (value.length() > max) {
            errors.add(new FieldError(field, "is " + value.length() + " characters long; shorten it to at most " + max));
        }
        return value;
    }

    private static Set<String> tools(List<FieldError> errors, @Nullable Set<String> raw) {
        Set<String> tools = new TreeSet<>();
        if (raw == null || raw.isEmpty()) {
            errors.add(new FieldError("tools", "is empty; choose one or more of " + DraftVocabulary.TOOLS));
            return tools;
        }
        for (String tool : raw) {
            String value = tool == null ? "" : tool.strip().toLowerCase(Locale.ROOT);
            if (!DraftVocabulary.TOOLS.contains(value)) {
                errors.add(new FieldError("tools", "contains unknown tool '" + abbreviate(String.valueOf(tool))
                        + "'; choose from " + DraftVocabulary.TOOLS));
            }
            tools.add(value);
        }
        return Set.copyOf(tools);
    }

    private static String mode(List<FieldError> errors, @Nullable String raw, Set<String> tools) {
        String mode = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (!DraftVocabulary.MODES.contains(mode)) {
            errors.add(new FieldError("mode", (mode.isEmpty() ? "is required" : "is '" + abbreviate(mode) + "'")
                    + "; choose one of " + DraftVocabulary.MODES));
            return mode;
        }
        boolean wantsDebugger = tools.stream().anyMatch(DraftVocabulary.DEBUGGER_TOOLS::contains);
        if (mode.equals(DraftVocabulary.MODE_PPROF) && wantsDebugger) {
            errors.add(new FieldError("mode", "is 'pprof', which allows only the pprof tool; remove dlv/dap from tools or choose mode snapshot or interactive"));
        } else if (!mode.equals(DraftVocabulary.MODE_PPROF) && !wantsDebugger && !tools.isEmpty()) {
            errors.add(new FieldError("mode", "is '" + mode + "', which needs a debugger; add dlv or dap to tools or choose mode pprof"));
        }
        return mode;
    }

    private static List<String> profiles(List<FieldError> errors, @Nullable List<String> raw, Set<String> tools) {
        List<String> given = raw == null ? List.of() : raw;
        if (!tools.contains(DraftVocabulary.PPROF)) {
            if (!given.isEmpty()) {
                errors.add(new FieldError("pprofProfiles", "lists " + given + " but pprof is not among the tools; add pprof or remove the profiles"));
            }
            return List.of();
        }
        if (given.isEmpty()) {
            errors.add(new FieldError("pprofProfiles", "is empty although pprof is requested; choose from " + DraftVocabulary.PPROF_PROFILES));
            return List.of();
        }
        Set<String> profiles = new TreeSet<>();
        for (String profile : given) {
            String value = profile == null ? "" : profile.strip().toLowerCase(Locale.ROOT);
            if (!DraftVocabulary.PPROF_PROFILES.contains(value)) {
                errors.add(new FieldError("pprofProfiles", "contains unknown profile '" + abbreviate(String.valueOf(profile))
                        + "'; choose from " + DraftVocabulary.PPROF_PROFILES));
            }
            profiles.add(value);
        }
        return List.copyOf(profiles);
    }

    private static List<String> monitoringChecks(List<FieldError> errors, @Nullable List<String> raw) {
        if (raw == null || raw.isEmpty()) {
            errors.add(new FieldError("monitoringChecks", "is empty; name at least one dashboard or alert to watch during the session"));
            return List.of();
        }
        if (raw.size() > MAX_CHECKS) {
            errors.add(new FieldError("monitoringChecks", "has " + raw.size() + " entries; list at most " + MAX_CHECKS));
        }
        List<String> checks = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String check = raw.get(i) == null ? "" : raw.get(i).strip();
            if (check.isEmpty()) {
                errors.add(new FieldError("monitoringChecks[" + i + "]", "is blank; name a dashboard or alert"));
            } else if (check.length() > MAX_CHECK_LENGTH) {
                errors.add(new FieldError("monitoringChecks[" + i + "]", "is " + check.length() + " characters long; shorten it to at most " + MAX_CHECK_LENGTH));
            }
            checks.add(check);
        }
        return List.copyOf(checks);
    }

    private Integer duration(List<FieldError> errors, @Nullable Integer raw, Optional<SessionDurationLimits.Limit> policyLimit) {
        long policyMax = policyLimit.map(l -> l.max().toMinutes()).orElse(Long.MAX_VALUE);
        if (raw == null) {
            // The default never asks for more than the mode allows: a form left blank must not be refused for it.
            return (int) Math.max(1, Math.min(limits.defaultGrantDuration().toMinutes(), policyMax));
        }
        if (raw < 1 || raw > limits.maxMinutes()) {
            errors.add(new FieldError("requestedDurationMinutes", "is " + raw + "; request between 1 and " + limits.maxMinutes()
                    + " minutes (the configured maximum, debuggate.approval.max-grant-duration=" + limits.maxGrantDuration() + ")"));
        } else if (raw > policyMax) {
            errors.add(new FieldError("requestedDurationMinutes", "is " + raw + " minutes; " + policyLimit.get().source()
                    + ": request at most " + policyMax + " minutes, or another mode"));
        }
        return raw;
    }

    private static Integer impactMinutes(List<FieldError> errors, @Nullable Integer raw, Integer duration) {
        if (raw == null) {
            errors.add(new FieldError("expectedImpactMinutes", "is required; give 0 when no impact is expected"));
            return 0;
        }
        if (raw < 0 || raw > duration) {
            errors.add(new FieldError("expectedImpactMinutes", "is " + raw + "; give between 0 and the requested duration (" + duration + " minutes)"));
        }
        return raw;
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
