package io.debuggate.audit.store;

/** Elasticsearch answered, but with an error status. */
public class StoreRequestException extends RuntimeException {

    private final transient StoreResponse response;

    public StoreRequestException(String request, StoreResponse response) {
        super(request + " answered " + response.status() + ": " + response.bodyExcerpt());
        this.response = response;
    }

    public int status() {
        return response.status();
    }

    public StoreResponse response() {
        return response;
    }
}
