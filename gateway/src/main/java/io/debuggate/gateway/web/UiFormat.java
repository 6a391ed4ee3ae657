package io.debuggate.gateway.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Formatting helpers for templates ({@code ${@ui.time(x)}}). Times are shown in UTC, labelled as
 * such, because approvers, engineers and auditors in different places must read the same instant.
 */
@Component("ui")
public class UiFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    public String time(@Nullable Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    public String iso(@Nullable Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    public String shortHash(@Nullable String hash) {
        return hash == null ? "" : hash.length() > 12 ? hash.substring(0, 12) : hash;
    }

    /** Whole minutes between now and {@code instant}; negative when it has passed. */
    public long minutesFromNow(@Nullable Instant instant) {
        return instant == null ? 0 : Duration.between(Instant.now(), instant).toMinutes();
    }

    public String duration(@Nullable Duration duration) {
        if (duration == null) {
            return "";
        }
        if (duration.toMillis() % 1000 != 0 || duration.isZero()) {
            return duration.toMillis() + " ms";
        }
        long seconds = duration.toSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + " min";
        }
        return seconds + " s";
    }

    /** CSS class for a request state or an audit outcome badge. */
    public String badge(@Nullable String state) {
        if (state == null) {
            return "badge";
        }
        return switch (state) {
            case "GRANTED", "success" -> "badge badge-ok";
            case "PENDING", "PARTIALLY_SIGNED" -> "badge badge-wait";
            case "REJECTED", "REVOKED", "denied", "failure" -> "badge badge-bad";
            default -> "badge badge-done";
        };
    }
}
