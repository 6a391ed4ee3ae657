package io.debuggate.agent.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.net.ssl.SSLSession;

/**
 * A pprof answer read over a blocking {@link HttpURLConnection}, seen through the
 * {@link HttpResponse} interface. Why not the JDK {@link HttpClient}: its body arrives in 16 KiB
 * buffers handed between its selector, its worker pool and the reader in lock-step, and on a
 * large profile that hand-off, not the network, set the pace (about a third of a plain read's
 * throughput). A blocking connection reads straight from the socket into the caller's buffer,
 * and still keeps the connection alive for the next fetch once the body is read to the end.
 */
record BlockingPprofResponse(URI uri, int statusCode, HttpHeaders headers, InputStream body)
        implements HttpResponse<InputStream> {

    /**
     * Sends {@code GET uri} and waits for the status line and headers.
     *
     * @param readTimeout the longest wait for the headers and for each read of the body
     */
    static BlockingPprofResponse get(URI uri, String authorization, Duration connectTimeout, Duration readTimeout)
            throws IOException {
        // no proxy, as with the JDK client this replaces: the agent is reached directly
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(java.net.Proxy.NO_PROXY);
        connection.setConnectTimeout((int) connectTimeout.toMillis());
        connection.setReadTimeout((int) readTimeout.toMillis());
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setRequestProperty("Accept", "*/*");
        connection.setRequestProperty("Authorization", authorization);
        try {
            int status = connection.getResponseCode();
            InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            return new BlockingPprofResponse(uri, status, headersOf(connection),
                    body == null ? InputStream.nullInputStream() : body);
        } catch (IOException e) {
            connection.disconnect();
            throw e;
        }
    }

    private static HttpHeaders headersOf(HttpURLConnection connection) {
        // The status line comes under the null key; HttpHeaders.of refuses two names that differ only in case.
        Map<String, List<String>> named = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        connection.getHeaderFields().forEach((name, values) -> {
            if (name != null) {
                named.putIfAbsent(name, values);
            }
        });
        return HttpHeaders.of(named, (name, value) -> true);
    }

    @Override
    public HttpRequest request() {
        return HttpRequest.newBuilder(uri).GET().build();
    }

    @Override
    public Optional<HttpResponse<InputStream>> previousResponse() {
        return Optional.empty();
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return Optional.empty();
    }

    @Override
    public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
    }
}
