package io.debuggate.gateway.support;

import io.debuggate.audit.testsupport.ElasticsearchTestNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** pprof sessions and their audit events, for tests that run outside {@link GatewayIntegrationTest}'s context too. */
public final class PprofTestSessions {

    private PprofTestSessions() {
    }

    /** Alice's pprof-mode request for {@code profiles} on the demo target, signed by Bob and Carol: a live session id. */
    public static String granted(GatewayClient gw, List<String> profiles) throws Exception {
        return granted(gw, "alice", "bob", "carol", profiles);
    }

    /** {@code requester}'s pprof-mode request on the demo target, signed by a dev lead and an ops lead. */
    public static String granted(GatewayClient gw, String requester, String devLead, String opsLead, List<String> profiles)
            throws Exception {
        GatewayClient.Response created = gw.post(requester, "/api/requests", GatewayIntegrationTest.pprofRequest(profiles));
        if (created.status() != 201) {
            throw new AssertionError("create failed: " + created.body());
        }
        String id = created.json().get("id").asString();
        gw.post(devLead, "/api/requests/" + id + "/approve", Map.of("comment", "ok"));
        GatewayClient.Response granted = gw.post(opsLead, "/api/requests/" + id + "/approve", Map.of("comment", "ok"));
        if (!granted.body().contains("GRANTED")) {
            throw new AssertionError("not granted: " + granted.body());
        }
        return id;
    }

    /**
     * The session's {@code pprof.fetch} events with {@code phase=completed}, as stored in the
     * Elasticsearch test node ({@code debuggate.details} of each), oldest first.
     */
    public static List<JsonNode> completedFetches(String sessionId) throws Exception {
        return fetches(sessionId, "completed");
    }

    /** The session's refused {@code pprof.fetch} events ({@code event.outcome} denied), oldest first. */
    public static List<JsonNode> denials(String sessionId) throws Exception {
        return events(sessionId).stream()
                .filter(e -> e.path("event").path("outcome").asString("").equalsIgnoreCase("denied")).toList();
    }

    /** The session's {@code pprof.fetch} events of one phase ({@code started}, {@code completed}; denials have none). */
    public static List<JsonNode> fetches(String sessionId, String phase) throws Exception {
        return events(sessionId).stream()
                .filter(e -> e.path("debuggate").path("details").path("phase").asString("").equals(phase)).toList();
    }

    private static List<JsonNode> events(String sessionId) throws Exception {
        ElasticsearchTestNode es = ElasticsearchTestNode.shared();
        es.refresh();
        ObjectNode query = JsonMapper.builder().build().createObjectNode();
        query.put("size", 500);
        ObjectNode bool = query.putObject("query").putObject("bool");
        bool.putArray("filter").addObject().putObject("term").put("debuggate.request", sessionId);
        query.putArray("sort").addObject().put("@timestamp", "asc");
        List<JsonNode> events = new ArrayList<>();
        for (JsonNode hit : es.adminConnection().json("POST", "/debuggate-audit-*/_search", query).path("hits").path("hits")) {
            JsonNode source = hit.path("_source");
            if (source.path("event").path("action").asString().equals("pprof.fetch")) {
                events.add(source);
            }
        }
        return events;
    }
}
