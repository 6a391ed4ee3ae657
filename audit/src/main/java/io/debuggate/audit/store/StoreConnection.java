package io.debuggate.audit.store;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Response;
import co.elastic.clients.transport.rest5_client.low_level.ResponseException;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A connection to the audit store as ONE identity: the writer's for the shipper, the admin's for
 * set-up, the auditor's for search and verification. Keeping one identity per connection makes it
 * impossible for the shipper to use admin rights by accident.
 */
public final class StoreConnection implements AutoCloseable {

    public static final ContentType NDJSON = ContentType.create("application/x-ndjson");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<URI> hosts;
    private final StoreCredentials credentials;
    private final Rest5Client rest;
    private volatile @Nullable ElasticsearchClient client;

    private StoreConnection(List<URI> hosts, StoreCredentials credentials, Duration responseTimeout) {
        this.hosts = List.copyOf(hosts);
        this.credentials = credentials;
        this.rest = Rest5Client.builder(hosts)
                .setDefaultHeaders(new Header[] {new BasicHeader("Authorization", credentials.basicAuthorization())})
                .setRequestConfigCallback(config -> config
                        .setConnectTimeout(Timeout.ofSeconds(5))
                        .setResponseTimeout(Timeout.ofMilliseconds(responseTimeout.toMillis())))
                .build();
    }

    public static StoreConnection open(URI host, StoreCredentials credentials) {
        return open(List.of(host), credentials, Duration.ofSeconds(60));
    }

    public static StoreConnection open(List<URI> hosts, StoreCredentials credentials, Duration responseTimeout) {
        Objects.requireNonNull(credentials, "credentials");
        if (hosts == null || hosts.isEmpty()) {
            throw new IllegalArgumentException("no Elasticsearch host given: pass e.g. http://127.0.0.1:9200");
        }
        for (URI host : hosts) {
            if (host.getHost() == null || !("http".equals(host.getScheme()) || "https".equals(host.getScheme()))) {
                throw new IllegalArgumentException("Elasticsearch host '" + host
                        + "' is not an http(s) URL: write it as http://host:9200");
            }
        }
        return new StoreConnection(hosts, credentials, responseTimeout);
    }

    public List<URI> hosts() {
        return hosts;
    }

    public StoreCredentials credentials() {
        return credentials;
    }

    /** The low-level client, e.g. for raw bulk bodies. */
    public Rest5Client restClient() {
        return rest;
    }

    /** The typed Java API client on the same connection, mapping JSON with Jackson 3. */
    public ElasticsearchClient client() {
        ElasticsearchClient current = client;
        if (current == null) {
            synchronized (this) {
                current = client;
                if (current == null) {
                    current = new ElasticsearchClient(new Rest5ClientTransport(rest, new Jackson3JsonpMapper()));
                    client = current;
                }
            }
        }
        return current;
    }

    /**
     * Sends a request and returns status and body; HTTP error statuses are returned, not thrown.
     *
     * @throws IOException when Elasticsearch could not be reached at all
     */
    public StoreResponse send(String method, String endpoint, byte @Nullable [] body, @Nullable ContentType type)
            throws IOException {
        Request request = new Request(method, endpoint);
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, type == null ? ContentType.APPLICATION_JSON : type));
        }
        Response response;
        try {
            response = rest.performRequest(request);
        } catch (ResponseException e) {
            response = e.getResponse();
        }
        return new StoreResponse(response.getStatusCode(), bodyOf(response.getEntity()));
    }

    /** Sends JSON and parses the JSON answer; error statuses become {@link StoreRequestException}. */
    public JsonNode json(String method, String endpoint, @Nullable JsonNode body) throws IOException {
        StoreResponse response = send(method, endpoint, body == null ? null : JSON.writeValueAsBytes(body), null);
        if (response.status() >= 300) {
            throw new StoreRequestException(method + " " + endpoint, response);
        }
        return response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private static byte[] bodyOf(@Nullable HttpEntity entity) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        return EntityUtils.toByteArray(entity);
    }

    @Override
    public void close() {
        try {
            rest.close();
        } catch (IOException ignored) {
            // connections are gone either way
        }
    }
}
