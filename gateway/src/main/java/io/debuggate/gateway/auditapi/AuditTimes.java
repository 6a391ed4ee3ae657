package io.debuggate.gateway.auditapi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * Reads the times auditors type: an ISO-8601 instant with zone ({@code 2026-01-01T10:00:00Z},
 * {@code ...+08:00}), a date-time without zone as the browser's {@code datetime-local} sends it
 * (read as UTC), or a bare date. A bare date as an upper bound means the end of that day, because
 * "to 2026-01-02" includes the 2nd for a person.
 */
final class AuditTimes {

    private AuditTimes() {
    }

    static @Nullable Instant lowerBound(String name, @Nullable String text) {
        return parse(name, text, false);
    }

    static @Nullable Instant upperBound(String name, @Nullable String text) {
        return parse(name, text, true);
    }

    private static @Nullable Instant parse(String name, @Nullable String text, boolean endOfDay) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(value).toInstant();
            }
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + name + "' is '" + value + "'; give an ISO-8601 time such as "
                    + "2026-01-01T10:00:00Z, a time without zone such as 2026-01-01T10:00 (read as UTC) or a date "
                    + "such as 2026-01-01");
        }
    }
}
