package io.debuggate.policies.masking;

/** Whether a built-in detector runs, and how its findings are replaced. */
public record BuiltinRule(boolean enabled, ReplacementStyle style) {

    public BuiltinRule {
        if (style == null) {
            throw new IllegalArgumentException("a built-in rule needs a replacement style");
        }
    }

    public static BuiltinRule on(ReplacementStyle style) {
        return new BuiltinRule(true, style);
    }

    public static BuiltinRule off(ReplacementStyle style) {
        return new BuiltinRule(false, style);
    }
}
