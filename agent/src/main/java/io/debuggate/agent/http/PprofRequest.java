package io.debuggate.agent.http;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A validated pprof path and query. Only {@code /debug/pprof/...} on the target can be
 * reached: path segments are plain names (no {@code .}, {@code ..}, percent-escapes or empty
 * segments), and the raw query uses only the characters pprof's parameters need.
 *
 * @param profile  the part after {@code /debug/pprof/}: {@code ""} (index), {@code heap}, …
 * @param rawQuery the query as sent, or null
 * @param timeout  how long to wait for the target's answer headers
 */
record PprofRequest(String profile, @Nullable String rawQuery, Duration timeout) {

    static final Duration BASE_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Pattern QUERY = Pattern.compile("[A-Za-z0-9_.=&+-]*");
    private static final Pattern SECONDS = Pattern.compile("(?:^|&)seconds=([^&]*)");

    static PprofRequest parse(String rawProfilePath, @Nullable String rawQuery, Duration maxProfileDuration) {
        if (!rawProfilePath.isEmpty()) {
            for (String segment : rawProfilePath.split("/", -1)) {
                if (!SEGMENT.matcher(segment).matches() || segment.contains("..")) {
                    throw new IllegalArgumentException("profile path \"" + rawProfilePath
                            + "\" refused: only plain names under /debug/pprof/ may be fetched (e.g. heap, goroutine)");
                }
            }
        }
        Duration timeout = BASE_TIMEOUT;
        if (rawQuery != null) {
            if (!QUERY.matcher(rawQuery).matches()) {
                throw new IllegalArgumentException("query \"" + rawQuery
                        + "\" refused: use plain pprof parameters such as debug=1, gc=1, seconds=30");
            }
            var seconds = SECONDS.matcher(rawQuery);
            while (seconds.find()) {
                timeout = BASE_TIMEOUT.plus(profileDuration(seconds.group(1), maxProfileDuration));
            }
        }
        return new PprofRequest(rawProfilePath, rawQuery == null || rawQuery.isEmpty() ? null : rawQuery, timeout);
    }

    URI upstream(URI pprofBase) {
        return pprofBase.resolve("/debug/pprof/" + profile + (rawQuery == null ? "" : "?" + rawQuery));
    }

    private static Duration profileDuration(String value, Duration max) {
        double seconds;
        try {
            seconds = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            // pprof itself treats a bad value as its default (30 s for profile); allow for that.
            seconds = 30;
        }
        if (!(seconds <= max.toSeconds())) {
            throw new IllegalArgumentException("seconds=" + value + " exceeds the agent's limit of "
                    + max.toSeconds() + " s: ask for a shorter profile");
        }
        return Duration.ofMillis((long) (Math.max(seconds, 30) * 1000));
    }
}
