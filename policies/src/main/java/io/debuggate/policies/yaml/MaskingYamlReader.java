package io.debuggate.policies.yaml;

import io.debuggate.policies.masking.BuiltinDetector;
import io.debuggate.policies.masking.BuiltinRule;
import io.debuggate.policies.masking.CustomRule;
import io.debuggate.policies.masking.MaskingPolicy;
import io.debuggate.policies.masking.ReplacementStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The {@code masking} section: built-in rules, custom regex rules, field names, Go types. */
final class MaskingYamlReader {

    private static final Set<String> STYLE_KEYS = Set.of("style", "keepPrefix", "keepSuffix", "text", "hashPrefix", "hashLength");

    private MaskingYamlReader() {
    }

    static MaskingPolicy masking(PolicyNode node) {
        Map<String, PolicyNode> m = node.mapping(Set.of("rules", "fieldNames"), Set.of("custom", "goTypes"));
        Map<BuiltinDetector, BuiltinRule> builtins = new EnumMap<>(BuiltinDetector.class);
        m.get("rules").entries(k -> BuiltinDetector.byId(k).isPresent() ? null
                : "unknown built-in rule '" + k + "'; built-in rules: cn-resident-id, cn-mobile, bank-card, email, ipv4"
                        + " (put regex rules under masking.custom)")
                .forEach((id, n) -> builtins.put(BuiltinDetector.byId(id).orElseThrow(), builtin(n)));
        for (BuiltinDetector d : BuiltinDetector.values()) {
            if (!builtins.containsKey(d)) {
                throw m.get("rules").error("missing built-in rule '" + d.id() + "' (write enabled: false to turn it off)");
            }
        }
        List<CustomRule> custom = new ArrayList<>();
        if (m.containsKey("custom")) {
            for (PolicyNode item : m.get("custom").list()) {
                custom.add(custom(item));
            }
        }
        List<String> fieldNames = m.get("fieldNames").strings();
        List<String> goTypes = m.containsKey("goTypes") ? m.get("goTypes").strings() : List.of();
        return node.build(() -> new MaskingPolicy(builtins, custom, fieldNames, goTypes));
    }

    private static BuiltinRule builtin(PolicyNode node) {
        Set<String> optional = new java.util.HashSet<>(STYLE_KEYS);
        optional.add("enabled");
        Map<String, PolicyNode> m = node.mapping(Set.of(), optional);
        boolean enabled = !m.containsKey("enabled") || m.get("enabled").bool();
        if (!m.containsKey("style")) {
            throw node.error("missing required key 'style' (keep, redact or hash)");
        }
        return new BuiltinRule(enabled, style(node, m));
    }

    private static CustomRule custom(PolicyNode node) {
        Set<String> required = Set.of("id", "pattern", "style");
        Set<String> optional = new java.util.HashSet<>(STYLE_KEYS);
        optional.removeAll(required);
        Map<String, PolicyNode> m = node.mapping(required, optional);
        PolicyNode patternNode = m.get("pattern");
        Pattern pattern;
        try {
            pattern = Pattern.compile(patternNode.string());
        } catch (PatternSyntaxException e) {
            throw patternNode.error("invalid regular expression: " + e.getDescription() + " near index " + e.getIndex());
        }
        String id = m.get("id").string();
        ReplacementStyle style = style(node, m);
        return node.build(() -> new CustomRule(id, pattern, style));
    }

    private static ReplacementStyle style(PolicyNode node, Map<String, PolicyNode> m) {
        PolicyNode styleNode = m.get("style");
        String style = styleNode.string();
        Set<String> used = switch (style) {
            case "keep" -> Set.of("keepPrefix", "keepSuffix");
            case "redact" -> Set.of("text");
            case "hash" -> Set.of("hashPrefix", "hashLength");
            default -> throw styleNode.error("unknown style '" + style + "'; use keep, redact or hash");
        };
        for (String k : STYLE_KEYS) {
            if (!k.equals("style") && m.containsKey(k) && !used.contains(k)) {
                throw m.get(k).error("'" + k + "' does not apply to style '" + style + "'; remove it");
            }
        }
        return switch (style) {
            case "keep" -> styleNode.build(() -> new ReplacementStyle.Keep(
                    m.containsKey("keepPrefix") ? m.get("keepPrefix").integer(0, 12) : 0,
                    m.containsKey("keepSuffix") ? m.get("keepSuffix").integer(0, 12) : 0));
            case "redact" -> {
                PolicyNode text = m.get("text");
                yield text == null ? new ReplacementStyle.Redact("***") : text.build(() -> new ReplacementStyle.Redact(text.string()));
            }
            default -> styleNode.build(() -> new ReplacementStyle.TrackingId(
                    m.containsKey("hashPrefix") ? m.get("hashPrefix").string() : "id",
                    m.containsKey("hashLength") ? m.get("hashLength").integer(8, 12) : 12));
        };
    }
}
