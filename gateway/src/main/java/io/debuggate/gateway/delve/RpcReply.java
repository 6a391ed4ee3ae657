package io.debuggate.gateway.delve;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** One reply from dlv: the id the gateway sent, and either a result or an error string. */
public record RpcReply(JsonNode id, @Nullable JsonNode result, @Nullable String error) {
}
