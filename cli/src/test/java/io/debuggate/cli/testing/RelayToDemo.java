package io.debuggate.cli.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** The fake gateway's pprof route: relay to the Go program's /debug/pprof, streaming. */
public final class RelayToDemo {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private RelayToDemo() {
    }

    public static void relay(HttpExchange exchange, String demoBaseUrl, String routePrefix) throws IOException {
        String rest = exchange.getRequestURI().getRawPath().substring(routePrefix.length());
        String query = exchange.getRequestURI().getRawQuery();
        URI target = URI.create(demoBaseUrl + "/debug/pprof/" + rest + (query != null ? "?" + query : ""));
        try {
            HttpResponse<InputStream> upstream = HTTP.send(HttpRequest.newBuilder(target).build(), HttpResponse.BodyHandlers.ofInputStream());
            for (String header : List.of("Content-Type", "Content-Disposition", "X-Go-Pprof")) {
                upstream.headers().firstValue(header).ifPresent(v -> exchange.getResponseHeaders().set(header, v));
            }
            exchange.sendResponseHeaders(upstream.statusCode(), 0);
            try (InputStream in = upstream.body(); OutputStream out = exchange.getResponseBody()) {
                in.transferTo(out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
