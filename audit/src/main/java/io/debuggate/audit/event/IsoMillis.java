package io.debuggate.audit.event;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Formats epoch milliseconds as {@code yyyy-MM-ddTHH:mm:ss.SSSZ} (UTC), caching the part up to the
 * second: a {@code DateTimeFormatter} per event would cost more than the rest of the encoding.
 * Thread-safe through an immutable cache entry.
 */
final class IsoMillis {

    private record Second(long epochSecond, String prefix) {
    }

    private volatile Second cached = new Second(Long.MIN_VALUE, "");

    String format(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        int millis = (int) Math.floorMod(epochMillis, 1000);
        Second current = cached;
        if (current.epochSecond() != second) {
            LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
            current = new Second(second, "%04d-%02d-%02dT%02d:%02d:%02d.".formatted(t.getYear(), t.getMonthValue(),
                    t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond()));
            cached = current;
        }
        return current.prefix() + (char) ('0' + millis / 100) + (char) ('0' + millis / 10 % 10)
                + (char) ('0' + millis % 10) + 'Z';
    }
}
