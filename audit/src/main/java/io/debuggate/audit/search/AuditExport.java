package io.debuggate.audit.search;

import io.debuggate.audit.event.CanonicalJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes events for auditors' offline work: JSON lines (the stored documents, canonical, one per
 * line — each can be re-hashed) or CSV (RFC 4180; cells that a spreadsheet would run as a formula
 * are prefixed with {@code '}).
 */
public final class AuditExport {

    public static final List<String> CSV_COLUMNS = List.of("timestamp", "event_id", "instance", "sequence",
            "action", "outcome", "user", "session", "target", "request", "trace_id", "reason", "message", "hash");

    private AuditExport() {
    }

    /** A sink writing JSON lines to {@code out}; pass it to {@link AuditSearch#forEach}. */
    public static Consumer<AuditEventView> jsonLines(Writer out) {
        return event -> write(out, new String(CanonicalJson.bytes(event.source()), StandardCharsets.UTF_8) + "\n");
    }

    /** A sink writing CSV rows to {@code out}, after writing the header row. */
    public static Consumer<AuditEventView> csv(Writer out) {
        write(out, String.join(",", CSV_COLUMNS) + "\r\n");
        return event -> write(out, row(event));
    }

    static String row(AuditEventView e) {
        List<String> cells = java.util.Arrays.asList(e.timestamp().toString(), e.eventId(), e.instance(),
                Long.toString(e.sequence()), e.action(), e.outcome(), e.user(), e.session(), e.target(), e.request(),
                e.traceId(), e.reason(), e.message(), e.hash());
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                row.append(',');
            }
            row.append(cell(cells.get(i)));
        }
        return row.append("\r\n").toString();
    }

    static String cell(String value) {
        String text = Objects.requireNonNullElse(value, "");
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    private static void write(Writer out, String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the audit export failed: " + e.getMessage(), e);
        }
    }
}
