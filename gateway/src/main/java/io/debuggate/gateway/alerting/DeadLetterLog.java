package io.debuggate.gateway.alerting;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts no sink accepted, one JSON object per line: when, which sink, how many attempts, the last
 * error and the alert itself, so an operator can replay them. Owner-only, append-only.
 */
public final class DeadLetterLog {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterLog.class);

    private final Path file;

    public DeadLetterLog(Path file) {
        this.file = file.toAbsolutePath();
    }

    public Path file() {
        return file;
    }

    synchronized void append(String sink, int attempts, String lastError, Alert alert) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", Instant.now().toString());
        line.put("sink", sink);
        line.put("attempts", attempts);
        line.put("lastError", lastError);
        line.put("alert", AlertFormat.GENERIC.body(alert));
        byte[] bytes = (AlertFormat.JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(file.getParent());
            if (Files.notExists(file)) {
                Files.createFile(file);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system; the home folder's permissions protect it
                }
            }
            Files.write(file, bytes, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            // Last resort: the alert is at least in the log.
            log.error("event=alert_lost sink={} kind={} title=\"{}\" reason=\"cannot write dead-letter file {}: {}\"",
                    sink, alert.kind(), alert.title(), file, e.getMessage());
        }
    }
}
