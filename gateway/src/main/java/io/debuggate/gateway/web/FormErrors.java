package io.debuggate.gateway.web;

import io.debuggate.approval.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The approval module's field errors, keyed by the form field that shows them (the draft's
 * {@code targetService} and {@code targetInstance} are one picker; {@code monitoringChecks[2]} is
 * one line of the checks box). Order follows the form, for the error summary at its top.
 */
public final class FormErrors {

    static final List<String> FIELD_ORDER = List.of("target", "tools", "pprofProfiles", "mode", "reason", "ticket",
            "changeScope", "rollbackSteps", "expectedImpact", "expectedImpactMinutes", "monitoringChecks",
            "requestedDurationMinutes");

    private final Map<String, List<String>> byField = new LinkedHashMap<>();

    FormErrors(List<FieldError> errors) {
        FIELD_ORDER.forEach(f -> byField.put(f, new ArrayList<>()));
        byField.put("form", new ArrayList<>());
        for (FieldError error : errors) {
            String message = error.field().startsWith("monitoringChecks[")
                    ? "line " + (Integer.parseInt(error.field().replaceAll("\\D", "")) + 1) + " " + error.message()
                    : error.message();
            byField.get(formField(error.field())).add(message);
        }
    }

    static String formField(String draftField) {
        if (draftField.equals("targetService") || draftField.equals("targetInstance")) {
            return "target";
        }
        if (draftField.startsWith("monitoringChecks")) {
            return "monitoringChecks";
        }
        return FIELD_ORDER.contains(draftField) ? draftField : "form";
    }

    public boolean any() {
        return byField.values().stream().anyMatch(l -> !l.isEmpty());
    }

    public boolean has(String field) {
        return !byField.getOrDefault(field, List.of()).isEmpty();
    }

    public List<String> of(String field) {
        return byField.getOrDefault(field, List.of());
    }

    /** Fields with errors, in form order, with "form" (not tied to a field) last. */
    public List<Map.Entry<String, List<String>>> all() {
        return byField.entrySet().stream().filter(e -> !e.getValue().isEmpty()).toList();
    }
}
