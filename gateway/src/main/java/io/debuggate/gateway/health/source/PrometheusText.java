package io.debuggate.gateway.health.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Prometheus text exposition format (version 0.0.4), just enough of it: one sample per line,
 * {@code name{label="value",...} value [timestamp]}, comments and blank lines skipped. A line that
 * does not parse is skipped too: one odd metric must not blind the breaker to the others.
 */
final class PrometheusText {

    record Series(String name, Map<String, String> labels, double value) {
    }

    private PrometheusText() {
    }

    static List<Series> parse(String text) {
        List<Series> out = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Series s = parseLine(line);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /** The sum over every series named {@code name} whose labels match; null when there is none. */
    static @Nullable Double sum(List<Series> series, String name, java.util.function.Predicate<Map<String, String>> labels) {
        @Nullable Double total = null;
        for (Series s : series) {
            if (s.name().equals(name) && labels.test(s.labels())) {
                total = (total == null ? 0.0 : total) + s.value();
            }
        }
        return total;
    }

    private static @Nullable Series parseLine(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && !Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = labels(line, i + 1, labels);
            if (i < 0) {
                return null;
            }
        }
        String[] rest = line.substring(i).strip().split("\\s+");
        if (name.isEmpty() || rest.length == 0 || rest[0].isEmpty()) {
            return null;
        }
        try {
            return new Series(name, labels, value(rest[0]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Parses {@code a="x",b="y"}; returns the index after '}', or -1 when malformed. */
    private static int labels(String line, int i, Map<String, String> into) {
        while (i < line.length()) {
            while (i < line.length() && (line.charAt(i) == ',' || line.charAt(i) == ' ')) {
                i++;
            }
            if (i < line.length() && line.charAt(i) == '}') {
                return i + 1;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                return -1;
            }
            String key = line.substring(i, eq).strip();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; j < line.length() && line.charAt(j) != '"'; j++) {
                char c = line.charAt(j);
                if (c == '\\' && j + 1 < line.length()) {
                    char n = line.charAt(++j);
                    value.append(n == 'n' ? '\n' : n);
                } else {
                    value.append(c);
                }
            }
            if (j >= line.length()) {
                return -1;
            }
            into.put(key, value.toString());
            i = j + 1;
        }
        return -1;
    }

    private static double value(String token) {
        return switch (token) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(token);
        };
    }
}
