package io.debuggate.policies.masking;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the masking engine detects and how it replaces it: built-in detectors, custom regex rules,
 * field names whose values are redacted whole, and Go types that are never shown.
 */
public record MaskingPolicy(
        Map<BuiltinDetector, BuiltinRule> builtins,
        List<CustomRule> customRules,
        List<String> fieldNames,
        List<String> goTypes) {

    /** Redaction used when a field-name or Go-type rule hides a whole value. */
    public static final String FIELD_REDACTION = "[REDACTED]";

    public MaskingPolicy {
        EnumMap<BuiltinDetector, BuiltinRule> copy = new EnumMap<>(BuiltinDetector.class);
        copy.putAll(builtins);
        for (BuiltinDetector d : BuiltinDetector.values()) {
            if (!copy.containsKey(d)) {
                throw new IllegalArgumentException("masking policy must configure built-in rule '" + d.id()
                        + "' (set enabled: false to turn it off)");
            }
        }
        builtins = Map.copyOf(copy);
        customRules = List.copyOf(customRules);
        Set<String> ids = new HashSet<>();
        for (CustomRule r : customRules) {
            if (!ids.add(r.id())) {
                throw new IllegalArgumentException("custom rule id '" + r.id() + "' is used twice; ids must be unique");
            }
        }
        fieldNames = List.copyOf(fieldNames);
        goTypes = List.copyOf(goTypes);
        new FieldNameRules(fieldNames);
        new GoTypeBlocklist(goTypes);
    }

    /**
     * The shipped defaults: resident ids keep region code and last four, phones become {@code tel#...}
     * tracking ids, cards keep first six and last four, e-mail becomes {@code email#...}, IPv4 off.
     */
    public static MaskingPolicy defaults() {
        Map<BuiltinDetector, BuiltinRule> b = new EnumMap<>(BuiltinDetector.class);
        b.put(BuiltinDetector.CN_RESIDENT_ID, BuiltinRule.on(new ReplacementStyle.Keep(6, 4)));
        b.put(BuiltinDetector.CN_MOBILE, BuiltinRule.on(new ReplacementStyle.TrackingId("tel", 12)));
        b.put(BuiltinDetector.BANK_CARD, BuiltinRule.on(new ReplacementStyle.Keep(6, 4)));
        b.put(BuiltinDetector.EMAIL, BuiltinRule.on(new ReplacementStyle.TrackingId("email", 12)));
        b.put(BuiltinDetector.IPV4, BuiltinRule.off(new ReplacementStyle.Redact("[REDACTED:ipv4]")));
        return new MaskingPolicy(b, List.of(), DEFAULT_FIELD_NAMES, List.of());
    }

    public static final List<String> DEFAULT_FIELD_NAMES = List.of(
            "password", "passwd", "pwd", "secret", "token", "apikey", "authorization", "cookie",
            "credential", "privatekey", "idcard", "ssn", "cvv");

    public MaskingPolicy withBuiltin(BuiltinDetector detector, BuiltinRule rule) {
        EnumMap<BuiltinDetector, BuiltinRule> copy = new EnumMap<>(builtins);
        copy.put(detector, rule);
        return new MaskingPolicy(copy, customRules, fieldNames, goTypes);
    }

    public MaskingPolicy withCustomRules(List<CustomRule> rules) {
        return new MaskingPolicy(builtins, rules, fieldNames, goTypes);
    }

    public MaskingPolicy withFieldNames(List<String> names) {
        return new MaskingPolicy(builtins, customRules, names, goTypes);
    }

    public MaskingPolicy withGoTypes(List<String> types) {
        return new MaskingPolicy(builtins, customRules, fieldNames, types);
    }
}
