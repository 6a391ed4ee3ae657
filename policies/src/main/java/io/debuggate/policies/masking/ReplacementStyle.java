package io.debuggate.policies.masking;

/**
 * How a detected value is replaced. Every style produces text that no built-in detector matches
 * again, which is what makes masking idempotent.
 */
public sealed interface ReplacementStyle {

    /** The character that hides masked digits and letters. Fixed so that re-scanning masked text finds nothing. */
    char MASK_CHAR = '*';

    /**
     * Keeps the first {@code prefix} and last {@code suffix} letters/digits and replaces the others with
     * {@value #MASK_CHAR}; separators stay, so {@code 110101199003071234} becomes {@code 110101********1234}.
     * When a value is too short to hide anything with these counts, every letter/digit is hidden.
     */
    record Keep(int prefix, int suffix) implements ReplacementStyle {
        public Keep {
            if (prefix < 0 || prefix > 12 || suffix < 0 || suffix > 12) {
                throw new IllegalArgumentException("keep counts must be between 0 and 12, got keepPrefix="
                        + prefix + " keepSuffix=" + suffix + "; use smaller counts");
            }
        }
    }

    /** Replaces the whole value by fixed text such as {@code [REDACTED:email]} or {@code ***}. */
    record Redact(String text) implements ReplacementStyle {
        public Redact {
            if (text == null || text.isEmpty() || text.length() > 64) {
                throw new IllegalArgumentException("redaction text must have 1 to 64 characters, got '" + text + "'");
            }
            boolean digitAtEdge = ByteClass.isDigit(text.charAt(0)) || ByteClass.isDigit(text.charAt(text.length() - 1));
            // The replacement must never be detected again (idempotence), alone or next to other text.
            if (digitAtEdge || text.indexOf('@') >= 0 || text.chars().anyMatch(Character::isISOControl)
                    || PiiScanner.findsAnything(text)) {
                throw new IllegalArgumentException("redaction text '" + text
                        + "' must not start or end with a digit, contain '@', control characters or a detectable value;"
                        + " use e.g. '[REDACTED:email]'");
            }
        }
    }

    /**
     * Replaces the value by {@code prefix#hex}: the first {@code hexLength} hex digits of
     * HMAC-SHA-256(secret, rule id and normalized value). Equal values give equal ids, so support
     * can still correlate without seeing the value.
     */
    record TrackingId(String prefix, int hexLength) implements ReplacementStyle {
        public TrackingId {
            if (prefix == null || !prefix.matches("[A-Za-z][A-Za-z_-]{0,15}")) {
                throw new IllegalArgumentException("tracking id prefix must be 1-16 letters, '_' or '-' starting with a letter, got '"
                        + prefix + "'; use e.g. 'tel'");
            }
            // At most 12 hex digits: a longer all-decimal id could itself look like a card number.
            if (hexLength < 8 || hexLength > 12) {
                throw new IllegalArgumentException("tracking id hashLength must be between 8 and 12, got " + hexLength);
            }
        }
    }
}
