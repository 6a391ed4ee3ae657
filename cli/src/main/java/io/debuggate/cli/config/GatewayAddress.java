package io.debuggate.cli.config;

import io.debuggate.cli.DgateException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The gateway's base URL in one canonical spelling ({@code scheme://host[:port]}, lower case, no
 * trailing slash), so {@code http://127.0.0.1:8080/} and {@code HTTP://127.0.0.1:8080} share one
 * credentials entry.
 */
public record GatewayAddress(URI uri) {

    public static final String DEFAULT = "http://127.0.0.1:8080";

    public GatewayAddress {
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new DgateException("gateway URL '" + uri + "' is not an http(s) URL with a host: pass e.g. --gateway https://debuggate.example.com");
        }
    }

    public static GatewayAddress parse(String text) {
        String trimmed = text.strip();
        URI raw;
        try {
            raw = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new DgateException("gateway URL '" + text + "' is not a URL: pass e.g. --gateway https://debuggate.example.com");
        }
        if (raw.getScheme() == null || raw.getHost() == null) {
            throw new DgateException("gateway URL '" + text + "' is not an http(s) URL with a host: pass e.g. --gateway https://debuggate.example.com");
        }
        if (raw.getRawQuery() != null || raw.getRawFragment() != null || raw.getRawUserInfo() != null
                || (raw.getRawPath() != null && !raw.getRawPath().isEmpty() && !raw.getRawPath().equals("/"))) {
            throw new DgateException("gateway URL '" + text + "' must be only scheme, host and port (no path, query or user): pass e.g. --gateway "
                    + raw.getScheme() + "://" + raw.getHost() + (raw.getPort() > 0 ? ":" + raw.getPort() : ""));
        }
        String scheme = raw.getScheme().toLowerCase(Locale.ROOT);
        String host = raw.getHost().toLowerCase(Locale.ROOT);
        try {
            return new GatewayAddress(new URI(scheme, null, host, raw.getPort(), null, null, null));
        } catch (URISyntaxException e) {
            throw new DgateException("gateway URL '" + text + "' is not a URL: " + e.getMessage());
        }
    }

    /** {@code path} must start with "/"; it is appended as is (already encoded). */
    public URI resolve(String path) {
        return URI.create(uri + path);
    }

    /** The same host with ws/wss instead of http/https, for the debugger tunnels. */
    public URI resolveWebSocket(String path) {
        String ws = uri.getScheme().equals("https") ? "wss" : "ws";
        return URI.create(ws + uri.toString().substring(uri.getScheme().length()) + path);
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
