package io.debuggate.agent.protocol;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON form of an {@link OrderToken}: short claim names, epoch seconds. Decoding is strict:
 * duplicate keys, unknown keys, missing keys and wrong types are all refused, because a lenient
 * reader is where signed-token confusions start.
 */
final class OrderTokenCodec {

    static final List<String> CLAIMS = List.of("iss", "aud", "target", "sid", "sub", "tool", "iat", "exp", "nonce");

    private OrderTokenCodec() {
    }

    static byte[] encode(OrderToken token) {
        ObjectNode node = AgentJson.mapper().createObjectNode();
        node.put("iss", token.issuer());
        node.put("aud", token.audience());
        node.put("target", token.target());
        node.put("sid", token.sessionId());
        node.put("sub", token.user());
        node.put("tool", token.tool().wireName());
        node.put("iat", token.issuedAt().getEpochSecond());
        node.put("exp", token.expiresAt().getEpochSecond());
        node.put("nonce", token.nonce());
        return AgentJson.mapper().writeValueAsBytes(node);
    }

    static OrderToken decode(byte[] json) throws OrderTokenRejectedException {
        JsonNode node;
        try {
            node = AgentJson.mapper().readTree(json);
        } catch (JacksonException e) {
            throw malformed("claims are not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw malformed("claims must be a JSON object");
        }
        Set<String> present = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            present.add(it.next().getKey());
        }
        Set<String> unknown = new TreeSet<>(present);
        CLAIMS.forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw malformed("unknown claims " + unknown);
        }
        Set<String> missing = new TreeSet<>(CLAIMS);
        missing.removeAll(present);
        if (!missing.isEmpty()) {
            throw malformed("missing claims " + missing);
        }
        try {
            return new OrderToken(text(node, "iss"), text(node, "aud"), text(node, "target"), text(node, "sid"),
                    text(node, "sub"), DebugTool.fromWireName(text(node, "tool")),
                    Instant.ofEpochSecond(seconds(node, "iat")), Instant.ofEpochSecond(seconds(node, "exp")),
                    text(node, "nonce"));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw malformed(e.getMessage());
        }
    }

    private static String text(JsonNode node, String claim) throws OrderTokenRejectedException {
        JsonNode value = node.get(claim);
        if (!value.isString()) {
            throw malformed("claim " + claim + " must be a string");
        }
        return value.asString();
    }

    private static long seconds(JsonNode node, String claim) throws OrderTokenRejectedException {
        JsonNode value = node.get(claim);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw malformed("claim " + claim + " must be whole epoch seconds");
        }
        return value.asLong();
    }

    private static OrderTokenRejectedException malformed(String detail) {
        return new OrderTokenRejectedException(RejectionReason.MALFORMED, detail);
    }
}
