package io.debuggate.gateway.auditapi;

import io.debuggate.audit.search.AuditEventView;
import io.debuggate.audit.search.AuditExport;
import io.debuggate.audit.search.AuditSearch;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Streams every event matching the criteria, oldest first, as JSON lines (the stored documents,
 * canonical, so each line can be re-hashed) or CSV. Nothing is held in memory beyond one page.
 */
@Component
public class AuditExporter {

    /** The two export formats, with their media type and file extension. */
    public enum Format {
        NDJSON("application/x-ndjson", "ndjson"),
        CSV("text/csv", "csv");

        private final String mediaType;
        private final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }

        public String mediaType() {
            return mediaType;
        }

        public String extension() {
            return extension;
        }

        public static Format parse(String text) {
            String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            return switch (value) {
                case "", "ndjson", "jsonl", "json-lines" -> NDJSON;
                case "csv" -> CSV;
                default -> throw new IllegalArgumentException("'format' is '" + text + "'; give ndjson or csv");
            };
        }
    }

    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final AuditSearch search;

    AuditExporter(AuditSearch search) {
        this.search = search;
    }

    /**
     * A download response (attachment with a dated file name). Criteria are checked now, so a
     * malformed one is a 400 before any byte is sent; the events stream when the body is written.
     */
    public ResponseEntity<StreamingResponseBody> download(AuditCriteria criteria, Format format) {
        criteria.toQuery().build();
        String file = "debuggate-audit-" + FILE_TIME.format(Instant.now()) + "." + format.extension();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(format.mediaType() + ";charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(out -> write(criteria, format, out));
    }

    public void write(AuditCriteria criteria, Format format, OutputStream out) throws IOException {
        var query = criteria.toQuery().oldestFirst(true).build();
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        Consumer<AuditEventView> sink = format == Format.CSV ? AuditExport.csv(writer) : AuditExport.jsonLines(writer);
        search.forEach(query, sink);
        writer.flush();
    }
}
