package io.debuggate.gateway.web;

import io.debuggate.approval.DebugRequestDraft;
import io.debuggate.approval.FieldError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;

/**
 * The request form as the browser posts it. Everything stays text so that a bad number becomes a
 * field error like any other; {@link #toDraft} makes the approval module's draft, which validates.
 *
 * @param target {@code service/instance} from the target picker
 * @param monitoringChecks one check per line
 */
public record RequestForm(
        @Nullable String target,
        @Nullable List<String> tools,
        @Nullable List<String> pprofProfiles,
        @Nullable String mode,
        @Nullable String reason,
        @Nullable String ticket,
        @Nullable String changeScope,
        @Nullable String rollbackSteps,
        @Nullable String expectedImpact,
        @Nullable String expectedImpactMinutes,
        @Nullable String monitoringChecks,
        @Nullable String requestedDurationMinutes) {

    /** A fresh form: a read-only profiling session is the most common and the safest request. */
    static RequestForm blank(@Nullable String target) {
        return new RequestForm(target, List.of("pprof"), List.of("heap"), "pprof", "", "", "", "", "", "", "", "");
    }

    /** The form as posted (read explicitly: every field, nothing else, no binder conventions). */
    static RequestForm from(MultiValueMap<String, String> posted) {
        return new RequestForm(posted.getFirst("target"), posted.get("tools"), posted.get("pprofProfiles"),
                posted.getFirst("mode"), posted.getFirst("reason"), posted.getFirst("ticket"),
                posted.getFirst("changeScope"), posted.getFirst("rollbackSteps"), posted.getFirst("expectedImpact"),
                posted.getFirst("expectedImpactMinutes"), posted.getFirst("monitoringChecks"),
                posted.getFirst("requestedDurationMinutes"));
    }

    /** The draft, and the problems with the numbers (those fields are left out of the draft). */
    record Parsed(DebugRequestDraft draft, List<FieldError> numberErrors) {
    }

    Parsed toDraft() {
        List<FieldError> errors = new ArrayList<>();
        String service = null;
        String instance = null;
        if (target != null && !target.isBlank()) {
            int slash = target.indexOf('/');
            service = slash < 0 ? target.strip() : target.substring(0, slash).strip();
            instance = slash < 0 ? null : target.substring(slash + 1).strip();
        }
        Integer impactMinutes = number(errors, "expectedImpactMinutes", expectedImpactMinutes);
        Integer duration = number(errors, "requestedDurationMinutes", requestedDurationMinutes);
        DebugRequestDraft draft = new DebugRequestDraft(service, instance,
                tools == null ? null : new LinkedHashSet<>(tools), pprofProfiles, mode, reason, ticket, changeScope,
                rollbackSteps, expectedImpact, impactMinutes, lines(monitoringChecks), duration);
        return new Parsed(draft, errors);
    }

    public boolean hasTool(String tool) {
        return tools != null && tools.contains(tool);
    }

    public boolean hasProfile(String profile) {
        return pprofProfiles != null && pprofProfiles.contains(profile);
    }

    private static @Nullable Integer number(List<FieldError> errors, String field, @Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, "is '" + text.strip() + "'; give a whole number of minutes"));
            return null;
        }
    }

    private static List<String> lines(@Nullable String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
