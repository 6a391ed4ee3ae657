package io.debuggate.cli.connect;

import io.debuggate.cli.api.BearerTokens;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The local ports of one {@code dgate connect}: one per granted tool, opened together and closed
 * together. A port that cannot be opened closes the ones already open.
 */
public final class ConnectSession implements AutoCloseable {

    private final List<LocalEndpoint> endpoints;

    private ConnectSession(List<LocalEndpoint> endpoints) {
        this.endpoints = List.copyOf(endpoints);
    }

    /**
     * @param ports the tools to open, each with its requested port (0 = any free port), in display order
     * @param http  gives the pprof port its connect timeout and TLS context; its own threads carry no traffic
     */
    public static ConnectSession open(Map<Tool, Integer> ports, HttpClient http, SessionRoutes routes, BearerTokens tokens,
                                      Consumer<String> events) {
        List<LocalEndpoint> opened = new ArrayList<>();
        try {
            for (Map.Entry<Tool, Integer> entry : new EnumMap<>(ports).entrySet()) {
                Tool tool = entry.getKey();
                int port = entry.getValue();
                opened.add(tool == Tool.PPROF
                        ? PprofForwarder.start(port, http, routes, tokens, events)
                        : WebSocketTunnel.start(tool, port, routes, tokens, events));
            }
            return new ConnectSession(opened);
        } catch (RuntimeException e) {
            opened.forEach(LocalEndpoint::close);
            throw e;
        }
    }

    public List<LocalEndpoint> endpoints() {
        return endpoints;
    }

    @Override
    public void close() {
        endpoints.forEach(LocalEndpoint::close);
    }
}
