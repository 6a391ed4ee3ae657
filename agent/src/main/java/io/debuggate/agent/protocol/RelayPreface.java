package io.debuggate.agent.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The one line a relay connection starts with, in both directions.
 * Client: {@code DGATE-RELAY/1 <token>\n}. Agent: {@code OK\n} then raw dlv bytes, or
 * {@code ERR <reason>\n} and close. Nothing is forwarded to dlv before the token is verified.
 */
public final class RelayPreface {

    public static final String MAGIC = "DGATE-RELAY/1";
    public static final String OK = "OK";
    public static final String ERR = "ERR";
    /** A longer first line is refused: tokens are at most a few hundred bytes. */
    public static final int MAX_LINE_BYTES = 8192;

    private RelayPreface() {
    }

    public static byte[] request(String compactToken) {
        return (MAGIC + " " + compactToken + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The token of a preface line (without its newline), or empty when the line is not a preface. */
    public static Optional<String> tokenOf(String line) {
        String prefix = MAGIC + " ";
        if (!line.startsWith(prefix) || line.length() == prefix.length()) {
            return Optional.empty();
        }
        String token = line.substring(prefix.length());
        return token.chars().allMatch(c -> c > ' ' && c < 127) ? Optional.of(token) : Optional.empty();
    }

    public static byte[] ok() {
        return (OK + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Reasons are single-line ASCII so a client can read them with one line read. */
    public static byte[] error(String reason) {
        String clean = reason.replaceAll("[^\\x20-\\x7e]", "?");
        return (ERR + " " + clean + "\n").getBytes(StandardCharsets.US_ASCII);
    }
}
