package io.debuggate.policies.delve;

/**
 * Upper bounds for Delve's {@code LoadConfig}, i.e. how much target memory one request may pull.
 * {@code maxStructFields} of -1 allows Delve's "all fields".
 */
public record LoadLimits(int maxStringLen, int maxArrayValues, int maxVariableRecurse, int maxStructFields) {

    public LoadLimits {
        check("maxStringLen", maxStringLen, 1, 1 << 20);
        check("maxArrayValues", maxArrayValues, 1, 1 << 16);
        check("maxVariableRecurse", maxVariableRecurse, 0, 16);
        check("maxStructFields", maxStructFields, -1, 1 << 12);
        if (maxStructFields == 0) {
            throw new IllegalArgumentException("loadLimits.maxStructFields must be -1 (all) or at least 1, got 0");
        }
    }

    private static void check(String name, int v, int min, int max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException("loadLimits." + name + " must be between " + min + " and " + max + ", got " + v);
        }
    }
}
