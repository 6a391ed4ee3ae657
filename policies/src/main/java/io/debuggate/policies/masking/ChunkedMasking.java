package io.debuggate.policies.masking;

import java.io.IOException;

/**
 * The chunking shared by the streaming maskers. It scans what has arrived, emits only up to a cut
 * that no value straddles, holds back a bounded tail (a value may continue in the next write) and
 * keeps some already emitted text in front as left context (a value's left neighbour decides
 * whether it is a value). Every detector decision depends on a bounded window around it, so the
 * output equals masking the whole text at once.
 */
abstract class ChunkedMasking {

    /** Scan when this much new text has arrived. */
    static final int CHUNK = 8192;
    /** Never emit the last HOLD units before more text or a flush: a value there may be incomplete. */
    static final int HOLD = 512;
    /** Already emitted units kept in front of the buffer as left context. */
    static final int CONTEXT = 96;
    /** Inside a digit run this long a cut is harmless: no detector accepts runs that long. */
    private static final int LONG_RUN = 80;

    final MaskingEngine engine;
    final Findings findings = new Findings();
    /** Units in the buffer; {@code [0, from)} is context that was already emitted. */
    int len;
    int from;
    /** End of the last emitted finding, relative to the buffer; negative when it lies before it. */
    private long lastEnd;

    ChunkedMasking(MaskingEngine engine) {
        this.engine = engine;
    }

    /** The buffer {@code [0, len)} as bytes for the scanner. */
    abstract byte[] scanView();

    /** The buffer {@code [0, len)} as chars for custom rules and replacements. */
    abstract CharSequence textView();

    /** Whether cutting before unit {@code cut} would split one character. */
    abstract boolean splitsCharacter(int cut);

    /** Writes {@code [from, cut)} with findings {@code [0, upto)} replaced. */
    abstract void emit(int from, int cut, int upto) throws IOException;

    /** Drops {@code [0, keepFrom)} from the buffer. */
    abstract void shift(int keepFrom);

    boolean due() {
        return len - from >= CHUNK + HOLD;
    }

    /** Emits what is decided; with {@code all}, everything, as if the text ended here. */
    void drain(boolean all) throws IOException {
        if (len == from) {
            return;
        }
        findings.clear();
        byte[] view = scanView();
        engine.findAll(view, textView(), from, len, (int) Math.max(lastEnd, Integer.MIN_VALUE / 2), findings);
        int cut = all ? len : safeCut(view, len - HOLD);
        if (cut <= from) {
            return;
        }
        int upto = 0;
        while (upto < findings.size && findings.end[upto] <= cut) {
            upto++;
        }
        emit(from, cut, upto);
        if (upto > 0) {
            lastEnd = findings.end[upto - 1];
        }
        int keepFrom = Math.max(cut - CONTEXT, 0);
        shift(keepFrom);
        len -= keepFrom;
        from = cut - keepFrom;
        lastEnd -= keepFrom;
    }

    /** The largest position at or below {@code c} that splits neither a finding, a character nor a short digit run. */
    private int safeCut(byte[] view, int c) {
        boolean moved = true;
        while (moved && c > from) {
            moved = false;
            for (int k = 0; k < findings.size; k++) {
                if (findings.start[k] < c && c < findings.end[k]) {
                    c = findings.start[k];
                    moved = true;
                }
            }
            if (c > from && splitsCharacter(c)) {
                c--;
                moved = true;
            }
            if (c < len && c > 0 && ByteClass.isDigit(view[c - 1]) && ByteClass.isDigit(view[c])) {
                int runStart = c;
                while (runStart > 0 && ByteClass.isDigit(view[runStart - 1]) && c - runStart < LONG_RUN) {
                    runStart--;
                }
                if (c - runStart < LONG_RUN) {
                    c = runStart;
                    moved = true;
                }
            }
        }
        return c;
    }
}
