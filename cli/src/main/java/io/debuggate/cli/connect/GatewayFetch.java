package io.debuggate.cli.connect;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * One request to the gateway over a blocking {@link HttpURLConnection}, answered as soon as its
 * status line and headers are in; the body is then read straight from the socket into the
 * caller's buffer. Why not the JDK {@link HttpClient}: it hands each 16 KiB body buffer between
 * its selector thread, a worker and the reader in lock-step, and on a large profile that hand-off,
 * not the network, set the pace. The connection goes back to the JDK's keep-alive cache for the
 * next fetch once its body has been read to the end and closed.
 */
final class GatewayFetch implements AutoCloseable {

    /**
     * How every fetch reaches the gateway, taken over from the CLI's {@link HttpClient} so the
     * forwarder connects as the rest of dgate does.
     *
     * @param connectTimeoutMillis 0 waits as long as the operating system does
     * @param tls                  one factory for all fetches: the keep-alive cache reuses an
     *                             https connection only for the factory that made it
     */
    record Settings(int connectTimeoutMillis, SSLSocketFactory tls) {

        static Settings of(HttpClient http) {
            int connectTimeout = http.connectTimeout().map(Duration::toMillis).map(Math::toIntExact).orElse(0);
            return new Settings(connectTimeout, http.sslContext().getSocketFactory());
        }
    }

    private final HttpURLConnection connection;
    private final int status;
    private final InputStream body;

    private GatewayFetch(HttpURLConnection connection, int status, InputStream body) {
        this.connection = connection;
        this.status = status;
        this.body = body;
    }

    /**
     * Sends the request and waits for the status line and headers, with no read timeout: a
     * {@code profile?seconds=N} answers only after N seconds, the gateway bounds N, and go tool
     * pprof gives up on its own (as with the JDK client this replaces, which set none either).
     *
     * @param headers request headers to send as they are
     * @param body    sent with {@code method} when not null (a symbol lookup: small, so buffered)
     * @throws IOException when the gateway cannot be reached or does not answer with HTTP
     */
    static GatewayFetch send(Settings settings, String method, URI uri, Map<String, String> headers, byte @Nullable [] body)
            throws IOException {
        // No proxy, as with the JDK client this replaces (it had no ProxySelector): the gateway is
        // reached directly, and a system proxy must not see the bearer token of a loopback gateway.
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
        if (connection instanceof HttpsURLConnection https) {
            https.setSSLSocketFactory(settings.tls());
        }
        connection.setConnectTimeout(settings.connectTimeoutMillis());
        connection.setReadTimeout(0);
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setRequestMethod(method);
        headers.forEach(connection::setRequestProperty);
        try {
            if (body != null) {
                // Not in streaming mode: HttpURLConnection refuses to hand back a 401 answer to a
                // streamed body, and the forwarder needs that answer to renew the token.
                connection.setDoOutput(true);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            InputStream answer = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            return new GatewayFetch(connection, status, answer == null ? InputStream.nullInputStream() : answer);
        } catch (IOException | RuntimeException e) {
            connection.disconnect();
            throw e;
        }
    }

    int status() {
        return status;
    }

    /** Every value of a response header, matched without regard to case, in the order received. */
    List<String> header(String name) {
        List<String> values = new ArrayList<>();
        // index 0 is the status line (null key); the key/value pairs follow until a null key
        for (int i = 1; connection.getHeaderFieldKey(i) != null; i++) {
            if (connection.getHeaderFieldKey(i).equalsIgnoreCase(name)) {
                values.add(connection.getHeaderField(i));
            }
        }
        return values;
    }

    /** The declared length of the body, or -1 when it is chunked or not given. */
    long contentLength() {
        return connection.getContentLengthLong();
    }

    InputStream body() {
        return body;
    }

    /** Reads a small body (an error to be replaced by a retry) to its end, so the connection can be reused. */
    void discard() throws IOException {
        try (body) {
            body.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** Drops the connection instead of returning it for reuse: the body was not read to its end. */
    void abort() {
        connection.disconnect();
    }

    /** Closes the body; a body read to its end leaves the connection in the keep-alive cache. */
    @Override
    public void close() throws IOException {
        body.close();
    }
}
