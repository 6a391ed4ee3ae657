package io.debuggate.policies.masking;

import java.util.regex.Pattern;

/**
 * A policy-defined regular expression. Custom rules run before the built-in detectors and win
 * where they overlap a built-in finding. Patterns should match whole tokens (use {@code \b}): a
 * match glued to a following number can make a second masking pass differ, and the streaming
 * masker holds back a bounded tail, so a match longer than a few hundred characters may be split.
 */
public record CustomRule(String id, Pattern pattern, ReplacementStyle style) {

    public CustomRule {
        if (id == null || !id.matches("[a-z][a-z0-9-]{0,39}")) {
            throw new IllegalArgumentException("custom rule id must be lower-case letters, digits and '-' (max 40), got '" + id + "'");
        }
        if (BuiltinDetector.byId(id).isPresent()) {
            throw new IllegalArgumentException("custom rule id '" + id + "' is taken by a built-in rule; choose another id");
        }
        if (pattern == null || style == null) {
            throw new IllegalArgumentException("custom rule '" + id + "' needs a pattern and a style");
        }
        if (pattern.matcher("").matches()) {
            throw new IllegalArgumentException("custom rule '" + id + "' pattern '" + pattern.pattern()
                    + "' matches the empty string; make it match at least one character");
        }
        if (style instanceof ReplacementStyle.Redact redact && pattern.matcher(redact.text()).find()) {
            throw new IllegalArgumentException("custom rule '" + id + "' pattern matches its own redaction text '"
                    + redact.text() + "'; masking would not be idempotent");
        }
    }
}
