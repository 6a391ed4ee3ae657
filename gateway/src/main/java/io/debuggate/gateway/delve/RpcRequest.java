package io.debuggate.gateway.delve;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One client request after strict parsing.
 *
 * @param id     the client's id, any JSON value, echoed back verbatim in the reply
 * @param method as sent, e.g. {@code RPCServer.ListGoroutines}
 * @param params {@code params[0]}, or null when {@code params} was {@code []} or {@code [null]}
 */
public record RpcRequest(JsonNode id, String method, @Nullable JsonNode params) {

    private static final String PREFIX = "RPCServer.";

    /** The method without the {@code RPCServer.} prefix. */
    public String shortMethod() {
        return method.startsWith(PREFIX) ? method.substring(PREFIX.length()) : method;
    }

    /** {@code params[0].name} of a {@code Command}, else null. */
    public @Nullable String commandName() {
        if (!"Command".equals(shortMethod()) || params == null) {
            return null;
        }
        JsonNode name = params.get("name");
        return name != null && name.isString() ? name.stringValue() : null;
    }
}
