package io.debuggate.policies.masking;

import java.io.OutputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The masking engine: one pass of {@link PiiScanner} over the text, then custom regex rules, then
 * replacement. Thread-safe; text without findings is returned as the same instance, so the common
 * case costs one scan and no allocation.
 *
 * <pre>{@code
 * MaskingEngine engine = MaskingEngine.defaults(secret);
 * engine.mask("id 110101199003071234 tel 13812345678");  // "id 110101********1234 tel tel#5c0e..."
 * engine.explain(text);                                   // rule, offsets and replacement per finding
 * }</pre>
 */
public final class MaskingEngine implements Masker {

    private static final int SCRATCH_LIMIT = 1 << 23;
    private static final int BUILTIN_COUNT = BuiltinDetector.values().length;
    private static final int MOBILE = BuiltinDetector.CN_MOBILE.ordinal();

    private final MaskingPolicy policy;
    private final PiiScanner scanner;
    private final String[] ruleIds;
    private final ReplacementStyle[] styles;
    private final Pattern[] customPatterns;
    private final TrackingIdHasher hasher;
    private final FieldNameRules fieldNames;
    private final GoTypeBlocklist goTypes;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        char[] out = new char[4096];
        final Findings findings = new Findings();
    }

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
        for (BuiltinDetector d : BuiltinDetector.values()) {
            ruleIds[d.ordinal()] = d.id();
            styles[d.ordinal()] = b.get(d).style();
        }
        for (int k = 0; k < customPatterns.length; k++) {
            CustomRule r = policy.customRules().get(k);
            ruleIds[BUILTIN_COUNT + k] = r.id();
            styles[BUILTIN_COUNT + k] = r.style();
            customPatterns[k] = r.pattern();
        }
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
        Findings f = scratch.get().findings;
        f.clear();
        findAll(a, text, 0, n, 0, f);
        if (f.isEmpty()) {
            return text;
        }
        return render(scratch.get(), text, n, f);
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
            m.useTransparentBounds(true).useAnchoringBounds(false).region(Math.max(from, lastEnd), to);
            while (m.find()) {
                // A match touching '*' would only exist because a neighbour was masked: \b sees a
                // boundary at "EMP-123456*" that "EMP-1234567" does not have.
                boolean touchesMask = (m.start() > 0 && text.charAt(m.start() - 1) == ReplacementStyle.MASK_CHAR)
                        || (m.end() < to && text.charAt(m.end()) == ReplacementStyle.MASK_CHAR);
                if (m.end() > m.start() && !touchesMask) {
                    custom.insertIfFree(m.start(), m.end(), BUILTIN_COUNT + k);
                }
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

    /** {@code text} with all findings replaced, built in one buffer and copied once into the result. */
    private String render(Scratch s, String text, int n, Findings f) {
        char[] out = s.out;
        int m = 0;
        int p = 0;
        for (int k = 0; k < f.size; k++) {
            String r = replacement(text, f.start[k], f.end[k], f.rule[k]);
            int gap = f.start[k] - p;
            int need = m + gap + r.length() + (n - f.end[k]);
            if (need > out.length) {
                out = Arrays.copyOf(out, Math.max(need + (need >> 3), out.length * 2));
                if (out.length <= SCRATCH_LIMIT) {
                    s.out = out;
                }
            }
            text.getChars(p, f.start[k], out, m);
            m += gap;
            r.getChars(0, r.length(), out, m);
            m += r.length();
            p = f.end[k];
        }
        if (m + n - p > out.length) {
            out = Arrays.copyOf(out, m + n - p);
        }
        text.getChars(p, n, out, m);
        return new String(out, 0, m + n - p);
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
        return switch (styles[rule]) {
            case ReplacementStyle.Redact r -> r.text();
            case ReplacementStyle.Keep k -> keep(value, k, rule == MOBILE);
            case ReplacementStyle.TrackingId t -> hasher.trackingId(t, ruleIds[rule], normalize(value, rule));
        };
    }

    private static String keep(String a, ReplacementStyle.Keep k, boolean mobile) {
        int s = 0;
        int e = a.length();
        int sig = 0;
        for (int p = s; p < e; p++) {
            if (Character.isLetterOrDigit(a.charAt(p))) {
                sig++;
            }
        }
        // A +86 country code stays readable; the kept counts apply to the national number.
        int lead = mobile && sig > 11 ? sig - 11 : 0;
        boolean all = sig - lead <= k.prefix() + k.suffix();
        StringBuilder sb = new StringBuilder(e - s);
        int idx = 0;
        for (int p = s; p < e; p++) {
            char c = a.charAt(p);
            if (!Character.isLetterOrDigit(c)) {
                sb.append(c);
                continue;
            }
            boolean shown = idx < lead || (!all && (idx < lead + k.prefix() || idx >= sig - k.suffix()));
            sb.append(shown ? c : ReplacementStyle.MASK_CHAR);
            idx++;
        }
        return sb.toString();
    }

    /** The canonical form hashed for tracking ids, so that +86 138..., 138-... and 138... get one id. */
    private String normalize(String a, int rule) {
        if (rule >= BUILTIN_COUNT) {
            return a;
        }
        BuiltinDetector d = BuiltinDetector.values()[rule];
        return switch (d) {
            case CN_MOBILE -> {
                String digits = digitsOf(a);
                yield digits.substring(digits.length() - 11);
            }
            case BANK_CARD -> digitsOf(a);
            case CN_RESIDENT_ID -> a.toUpperCase(Locale.ROOT);
            case EMAIL -> a.toLowerCase(Locale.ROOT);
            case IPV4 -> a;
        };
    }

    private static String digitsOf(String a) {
        StringBuilder sb = new StringBuilder(a.length());
        for (int p = 0; p < a.length(); p++) {
            char c = a.charAt(p);
            if (ByteClass.isDigit(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
