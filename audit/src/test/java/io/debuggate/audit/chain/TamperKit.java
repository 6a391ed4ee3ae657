package io.debuggate.audit.chain;

import io.debuggate.audit.event.AuditEventEncoder;
import io.debuggate.audit.store.AuditStoreResources;
import io.debuggate.audit.store.StoreConnection;
import java.io.IOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** What an attacker with admin rights on Elasticsearch can do to stored events. */
final class TamperKit {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final StoreConnection admin;

    TamperKit(StoreConnection admin) {
        this.admin = admin;
    }

    record Stored(String index, String id, ObjectNode source) {
    }

    Stored get(String id) throws IOException {
        ObjectNode query = JSON.createObjectNode();
        query.putObject("query").putObject("ids").putArray("values").add(id);
        JsonNode hit = admin.json("POST", "/" + AuditStoreResources.INDEX_PATTERN + "/_search", query)
                .path("hits").path("hits").get(0);
        return new Stored(hit.path("_index").asString(), id, (ObjectNode) hit.path("_source"));
    }

    /** Overwrites (index op) a stored event with {@code source}. */
    void put(String index, String id, JsonNode source) throws IOException {
        admin.json("PUT", "/" + index + "/_doc/" + id + "?refresh=true", source);
    }

    void delete(Stored stored) throws IOException {
        admin.json("DELETE", "/" + stored.index() + "/_doc/" + stored.id() + "?refresh=true", null);
    }

    /** Gives {@code source} the hash its content implies, as a careful attacker would. */
    static ObjectNode rehash(ObjectNode source) {
        ObjectNode chain = (ObjectNode) source.get("debuggate").get("chain");
        chain.put("hash", AuditEventEncoder.expectedHash(source));
        return source;
    }

    static ObjectNode withReason(ObjectNode source, String reason) {
        ((ObjectNode) source.get("debuggate")).put("reason", reason);
        return source;
    }

    static ObjectNode withPrev(ObjectNode source, String prev) {
        ((ObjectNode) source.get("debuggate").get("chain")).put("prev", prev);
        return source;
    }

    static String hash(ObjectNode source) {
        return source.path("debuggate").path("chain").path("hash").asString();
    }
}
