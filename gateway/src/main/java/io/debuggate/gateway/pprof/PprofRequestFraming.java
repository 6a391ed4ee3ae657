package io.debuggate.gateway.pprof;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpHeaders;

/**
 * A pprof fetch is a GET without a body. Requests framed otherwise — a body announced by
 * {@code Transfer-Encoding} or a non-zero {@code Content-Length} (both at once is the classic
 * smuggling shape), or a {@code Connection} header that declares ordinary headers hop-by-hop
 * (a way to make a proxy drop {@code Authorization} or others on the way) — are refused whole:
 * the gateway never forwards client headers or bodies, and it does not guess what a sender who
 * frames a GET this way meant.
 */
final class PprofRequestFraming {

    /** Connection tokens real clients send: keep-alive handling and the JDK client's h2c upgrade offer. */
    private static final Set<String> CONNECTION_TOKENS = Set.of("close", "keep-alive", "upgrade", "http2-settings", "te");

    private PprofRequestFraming() {
    }

    /** @return why the request is refused, or empty when it is a plain GET */
    static Optional<String> problem(HttpHeaders headers) {
        if (headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return Optional.of("a pprof fetch has no body, but the request carries Transfer-Encoding: "
                    + headers.getValuesAsList(HttpHeaders.TRANSFER_ENCODING) + "; send a plain GET");
        }
        String length = headers.getFirst(HttpHeaders.CONTENT_LENGTH);
        if (length != null && !length.strip().equals("0")) {
            return Optional.of("a pprof fetch has no body, but the request announces Content-Length: " + length
                    + "; send a plain GET");
        }
        for (String token : headers.getValuesAsList(HttpHeaders.CONNECTION)) {
            if (!CONNECTION_TOKENS.contains(token.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of("Connection: " + token + " declares an end-to-end header hop-by-hop; "
                        + "send Connection: close or keep-alive only");
            }
        }
        return Optional.empty();
    }
}
