package io.debuggate.policies.masking;

import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The masking engine: custom regex rules, one pass of {@link PiiScanner} over the text, then
 * replacement. Thread-safe; text without findings is returned as the same instance, so the common
 * case costs one byte view and one scan, and no copy of the result.
 *
 * <pre>{@code
 * MaskingEngine engine = MaskingEngine.defaults(secret);
 * engine.mask("id 110101199003071234 tel 13812345678");  // "id 110101********1234 tel tel#5c0e..."
 * engine.explain(text);                                   // rule, offsets and replacement per finding
 * }</pre>
 */
public final class MaskingEngine implements Masker {

    private static final int BUILTIN_COUNT = BuiltinDetector.values().length;

    private final MaskingPolicy policy;
    private final PiiScanner scanner;
    private final String[] ruleIds;
    private final ReplacementStyle[] styles;
    private final Pattern[] customPatterns;
    /** Per custom rule, the literal every match starts with (see {@link LiteralPrefix}), or null. */
    private final String[] customPrefixes;
    private final TrackingIdHasher hasher;
    private final BuiltinReplacer builtinReplacer;
    private final FieldNameRules fieldNames;
    private final GoTypeBlocklist goTypes;
    private final ThreadLocal<Findings> scratch = ThreadLocal.withInitial(Findings::new);

    private MaskingEngine(MaskingPolicy policy, byte[] hmacKey) {
        this.policy = policy;
        this.hasher = new TrackingIdHasher(hmacKey);
        var b = policy.builtins();
        this.scanner = new PiiScanner(
                b.get(BuiltinDetector.CN_RESIDENT_ID).enabled(),
                b.get(BuiltinDetector.CN_MOBILE).enabled(),
                b.get(BuiltinDetector.BANK_CARD).enabled(),
                b.get(BuiltinDetector.EMAIL).enabled(),
                b.get(BuiltinDetector.IPV4).enabled());
        int n = BUILTIN_COUNT + policy.customRules().size();
        this.ruleIds = new String[n];
        this.styles = new ReplacementStyle[n];
        this.customPatterns = new Pattern[policy.customRules().size()];
        this.customPrefixes = new String[customPatterns.length];
        for (BuiltinDetector d : BuiltinDetector.values()) {
            ruleIds[d.ordinal()] = d.id();
            styles[d.ordinal()] = b.get(d).style();
        }
        for (int k = 0; k < customPatterns.length; k++) {
            CustomRule r = policy.customRules().get(k);
            ruleIds[BUILTIN_COUNT + k] = r.id();
            styles[BUILTIN_COUNT + k] = r.style();
            customPatterns[k] = r.pattern();
            customPrefixes[k] = LiteralPrefix.of(r.pattern());
        }
        this.builtinReplacer = new BuiltinReplacer(Arrays.copyOf(styles, BUILTIN_COUNT), ruleIds, hasher);
        this.fieldNames = new FieldNameRules(policy.fieldNames());
        this.goTypes = new GoTypeBlocklist(policy.goTypes());
    }

    /** An engine for {@code policy}; {@code hmacKey} (at least 16 bytes) keys the tracking ids. */
    public static MaskingEngine of(MaskingPolicy policy, byte[] hmacKey) {
        return new MaskingEngine(policy, hmacKey);
    }

    /** An engine with {@link MaskingPolicy#defaults()}. */
    public static MaskingEngine defaults(byte[] hmacKey) {
        return new MaskingEngine(MaskingPolicy.defaults(), hmacKey);
    }

    public MaskingPolicy policy() {
        return policy;
    }

    @Override
    public String mask(String text) {
        int n = text.length();
        if (n == 0) {
            return text;
        }
        byte[] a = ByteClass.latin1(text);
        Findings f = scratch.get();
        f.clear();
        findAll(a, text, 0, n, 0, f);
        if (f.isEmpty()) {
            return text;
        }
        return render(a, text, n, f);
    }

    /** Which rule would mask what in {@code text}; never includes the original values. */
    public List<MaskingFinding> explain(String text) {
        Findings f = new Findings();
        findAll(ByteClass.latin1(text), text, 0, text.length(), 0, f);
        List<MaskingFinding> out = new ArrayList<>(f.size);
        for (int k = 0; k < f.size; k++) {
            out.add(new MaskingFinding(ruleIds[f.rule[k]], f.start[k], f.end[k],
                    replacement(text, f.start[k], f.end[k], f.rule[k])));
        }
        return List.copyOf(out);
    }

    /** A writer that masks what passes through it on the way to {@code out}. */
    public MaskingWriter writer(Writer out) {
        return new MaskingWriter(this, out);
    }

    /** An output stream that masks UTF-8 text on the way to {@code out}. */
    public MaskingOutputStream outputStream(OutputStream out) {
        return new MaskingOutputStream(this, out);
    }

    /** Whether a field or variable with this name has its whole value redacted. */
    public boolean redactsField(String name) {
        return fieldNames.matches(name);
    }

    /** Whether values of this Go type are never shown. */
    public boolean blocksGoType(String type) {
        return goTypes.matches(type);
    }

    /** Whether custom rules exist (they need the decoded text, so byte streams decode when they do). */
    boolean hasCustomRules() {
        return customPatterns.length > 0;
    }

    /**
     * Custom rules, then the built-in scan over the gaps between their matches, over {@code [from, to)}.
     * {@code a} is the scanner's byte view (UTF-8, or the Latin-1 projection of {@code text}) and
     * {@code text} the same content as chars, for custom rules; findings are sorted and disjoint.
     * Custom rules go first so that their matches are boundaries for the built-in detectors in the
     * first pass exactly as their replacements are in a second one (idempotence); on overlap the
     * policy's own rule wins, and among custom rules the one listed first.
     */
    void findAll(byte[] a, CharSequence text, int from, int to, int lastEnd, Findings f) {
        if (customPatterns.length == 0) {
            scanner.scan(a, from, to, lastEnd, f);
            return;
        }
        Findings custom = new Findings();
        for (int k = 0; k < customPatterns.length; k++) {
            Matcher m = customPatterns[k].matcher(text);
            m.useTransparentBounds(true).useAnchoringBounds(false);
            int start = Math.max(from, lastEnd);
            String prefix = customPrefixes[k];
            if (prefix == null) {
                m.region(start, to);
                while (m.find()) {
                    addCustom(m, text, to, k, custom);
                }
                continue;
            }
            // Every match starts with the prefix: try the pattern only where it occurs, in the order
            // find() would, so the matches are the same.
            int q = LiteralPrefix.indexOf(text, prefix, start, to);
            while (q >= 0) {
                m.region(q, to);
                int next = q + 1;
                if (m.lookingAt()) {
                    addCustom(m, text, to, k, custom);
                    next = Math.max(next, m.end());
                }
                q = LiteralPrefix.indexOf(text, prefix, next, to);
            }
        }
        int pos = from;
        int end = lastEnd;
        for (int k = 0; k < custom.size; k++) {
            scanner.scan(a, pos, custom.start[k], end, f);
            f.add(custom.start[k], custom.end[k], custom.rule[k]);
            pos = custom.end[k];
            end = pos;
        }
        scanner.scan(a, pos, to, end, f);
    }

    /**
     * Records a custom match unless it touches '*': such a match would only exist because a
     * neighbour was masked ({@code \b} sees a boundary at "EMP-123456*" that "EMP-1234567" does not have).
     */
    private static void addCustom(Matcher m, CharSequence text, int to, int k, Findings custom) {
        boolean touchesMask = (m.start() > 0 && text.charAt(m.start() - 1) == ReplacementStyle.MASK_CHAR)
                || (m.end() < to && text.charAt(m.end()) == ReplacementStyle.MASK_CHAR);
        if (m.end() > m.start() && !touchesMask) {
            custom.insertIfFree(m.start(), m.end(), BUILTIN_COUNT + k);
        }
    }

    /**
     * {@code text} with all findings replaced. Text between findings is appended as char ranges of the
     * String, which copy its internal bytes as a block once the builder has the String's coding (a
     * String with any CJK char is UTF-16 inside; the builder switches at its first such char).
     * Built-in replacements come from the byte view ({@link BuiltinReplacer}), without substrings.
     */
    private String render(byte[] a, String text, int n, Findings f) {
        StringBuilder sb = new StringBuilder(n + 16 * f.size);
        int p = 0;
        for (int k = 0; k < f.size; k++) {
            sb.append(text, p, f.start[k]);
            if (f.rule[k] < BUILTIN_COUNT) {
                builtinReplacer.append(a, f.start[k], f.end[k], f.rule[k], sb);
            } else {
                sb.append(replacement(text, f.start[k], f.end[k], f.rule[k]));
            }
            p = f.end[k];
        }
        sb.append(text, p, n);
        return sb.toString();
    }

    /** Appends {@code text[from..to)} with findings {@code [fromIdx, toIdx)} replaced. */
    void render(CharSequence text, int from, int to, Findings f, int fromIdx, int toIdx, StringBuilder sb) {
        int p = from;
        for (int k = fromIdx; k < toIdx; k++) {
            sb.append(text, p, f.start[k]);
            sb.append(replacement(text, f.start[k], f.end[k], f.rule[k]));
            p = f.end[k];
        }
        sb.append(text, p, to);
    }

    /** The replacement for {@code text[s..e)}; built-in findings are ASCII, so a Latin-1 view of UTF-8 bytes serves too. */
    String replacement(CharSequence text, int s, int e, int rule) {
        if (styles[rule] instanceof ReplacementStyle.Redact r) {
            return r.text();
        }
        // One call on the CharSequence, then plain String work (three CharSequence types make charAt megamorphic).
        String value = text.subSequence(s, e).toString();
        if (rule < BUILTIN_COUNT) {
            // Built-in findings are ASCII: their bytes are the value.
            byte[] v = value.getBytes(StandardCharsets.ISO_8859_1);
            StringBuilder sb = new StringBuilder(v.length + 16);
            builtinReplacer.append(v, 0, v.length, rule, sb);
            return sb.toString();
        }
        return switch (styles[rule]) {
            case ReplacementStyle.Redact r -> r.text();
            case ReplacementStyle.Keep k -> keep(value, k);
            case ReplacementStyle.TrackingId t -> hasher.trackingId(t, ruleIds[rule], value);
        };
    }

    /** Keep for custom rules, whose values may be any text: letters and digits of any script count. */
    private static String keep(String a, ReplacementStyle.Keep k) {
        int sig = 0;
        for (int p = 0; p < a.length(); p++) {
            if (Character.isLetterOrDigit(a.charAt(p))) {
                sig++;
            }
        }
        boolean all = sig <= k.prefix() + k.suffix();
        StringBuilder sb = new StringBuilder(a.length());
        int idx = 0;
        for (int p = 0; p < a.length(); p++) {
            char c = a.charAt(p);
            if (!Character.isLetterOrDigit(c)) {
                sb.append(c);
                continue;
            }
            boolean shown = !all && (idx < k.prefix() || idx >= sig - k.suffix());
            sb.append(shown ? c : ReplacementStyle.MASK_CHAR);
            idx++;
        }
        return sb.toString();
    }
}
