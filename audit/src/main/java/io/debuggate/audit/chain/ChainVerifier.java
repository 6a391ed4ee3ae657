package io.debuggate.audit.chain;

import io.debuggate.audit.store.AuditStoreResources;
import io.debuggate.audit.store.StoreConnection;
import io.debuggate.audit.store.StoreRequestException;
import java.io.IOException;
import java.security.PublicKey;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a range of one instance's chain from Elasticsearch in sequence order — through a point in
 * time, so the range is one consistent snapshot — and reports the first broken link. Needs an
 * identity that may read the audit indices (auditor or admin), never the writer's.
 *
 * <pre>{@code
 * ChainVerification result = new ChainVerifier(auditorConnection).trustedKey(publicKey).verify("gateway-1", 1, Long.MAX_VALUE);
 * }</pre>
 */
public final class ChainVerifier {

    static final int PAGE_SIZE = 1000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final StoreConnection reader;
    private final String indexPattern;
    private @Nullable PublicKey trustedKey;
    private long expectedHeadSequence = -1;

    public ChainVerifier(StoreConnection reader) {
        this(reader, AuditStoreResources.INDEX_PATTERN);
    }

    public ChainVerifier(StoreConnection reader, String indexPattern) {
        this.reader = Objects.requireNonNull(reader, "reader connection");
        this.indexPattern = Objects.requireNonNull(indexPattern, "index pattern");
    }

    /** Signed heads must verify with this key (the gateway's {@code .pub}); without it they are only parsed. */
    public ChainVerifier trustedKey(@Nullable PublicKey key) {
        this.trustedKey = key;
        return this;
    }

    /**
     * The head the caller knows was written (from the live gateway or a signed head kept elsewhere);
     * a chain that ends earlier is reported {@link ChainBreak.Kind#TRUNCATED}.
     */
    public ChainVerifier expectHead(long sequence) {
        this.expectedHeadSequence = sequence;
        return this;
    }

    /**
     * Verifies sequences {@code from..to} (inclusive; {@code Long.MAX_VALUE} for "to the end").
     *
     * @throws IOException when Elasticsearch cannot be read
     */
    public ChainVerification verify(String instance, long from, long to) throws IOException {
        if (from < 1 || to < from) {
            throw new IllegalArgumentException("sequence range " + from + ".." + to
                    + " is empty or starts below 1: sequences start at 1");
        }
        ChainWalk walk = new ChainWalk(instance, from, to, trustedKey);
        String pit = openPointInTime();
        try {
            JsonNode searchAfter = null;
            while (!walk.done()) {
                Page page = page(pit, instance, Math.max(1, from - 1), to, searchAfter);
                pit = page.pit();
                if (page.hits().isEmpty()) {
                    break;
                }
                for (JsonNode hit : page.hits()) {
                    walk.accept(hit.path("_id").asString(""), hit.path("_source"));
                    if (walk.done()) {
                        break;
                    }
                }
                searchAfter = page.hits().get(page.hits().size() - 1).path("sort");
            }
        } finally {
            closePointInTime(pit);
        }
        return walk.finish(expectedHeadSequence);
    }

    /** One page of hits; Elasticsearch may hand back a new point-in-time id with each. */
    private record Page(String pit, JsonNode hits) {
    }

    private Page page(String pit, String instance, long from, long to, @Nullable JsonNode searchAfter)
            throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("size", PAGE_SIZE);
        body.put("track_total_hits", false);
        body.putObject("pit").put("id", pit).put("keep_alive", "2m");
        ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
        filter.addObject().putObject("term").put("debuggate.chain.instance", instance);
        ObjectNode range = filter.addObject().putObject("range").putObject("event.sequence").put("gte", from);
        if (to != Long.MAX_VALUE) {
            range.put("lte", to);
        }
        body.putArray("sort").addObject().put("event.sequence", "asc");
        if (searchAfter != null) {
            body.set("search_after", searchAfter);
        }
        JsonNode answer = reader.json("POST", "/_search", body);
        return new Page(answer.path("pit_id").asString(pit), answer.path("hits").path("hits"));
    }

    private String openPointInTime() throws IOException {
        try {
            return reader.json("POST", "/" + indexPattern + "/_pit?keep_alive=2m", null).path("id").asString();
        } catch (StoreRequestException e) {
            throw new IOException("cannot open a point in time on " + indexPattern + " as '"
                    + reader.credentials().username() + "': " + e.getMessage()
                    + " (the auditor role needs read on " + indexPattern + ")", e);
        }
    }

    private void closePointInTime(String pit) {
        try {
            ObjectNode body = JSON.createObjectNode().put("id", pit);
            reader.send("DELETE", "/_pit", JSON.writeValueAsBytes(body), null);
        } catch (IOException ignored) {
            // it expires on its own after keep_alive
        }
    }
}
