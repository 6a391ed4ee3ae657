package io.debuggate.gateway.delve;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A complete JSON message that is not an acceptable JSON-RPC request. When the id could be read
 * the client gets an error reply for it; otherwise the connection is closed with the message.
 */
public final class MalformedRpcException extends RuntimeException {

    private final @Nullable JsonNode id;

    public MalformedRpcException(String message, @Nullable JsonNode id) {
        super(message);
        this.id = id;
    }

    public @Nullable JsonNode id() {
        return id;
    }
}
