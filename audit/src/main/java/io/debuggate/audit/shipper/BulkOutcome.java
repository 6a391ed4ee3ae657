package io.debuggate.audit.shipper;

import io.debuggate.audit.store.StoreResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a bulk answer means for the shipper: every item created or already there (409) is a
 * success; anything else makes the whole batch be sent again after a pause.
 *
 * @param failure first problem, for the health report; {@code null} on success
 */
record BulkOutcome(boolean delivered, int created, int alreadyThere, @Nullable String failure) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    BulkOutcome plus(BulkOutcome other) {
        return new BulkOutcome(delivered && other.delivered, created + other.created, alreadyThere + other.alreadyThere,
                failure != null ? failure : other.failure);
    }

    static BulkOutcome of(StoreResponse response, int expectedItems) {
        if (response.status() != 200) {
            return new BulkOutcome(false, 0, 0, "bulk request answered " + response.status() + ": "
                    + response.bodyExcerpt());
        }
        JsonNode answer = JSON.readTree(response.body());
        int created = 0;
        int already = 0;
        String failure = null;
        for (JsonNode item : answer.path("items")) {
            JsonNode result = item.path("create");
            int status = result.path("status").asInt(0);
            if (status == 200 || status == 201) {
                created++;
            } else if (status == 409) {
                already++;
            } else if (failure == null) {
                JsonNode error = result.path("error");
                failure = "event " + result.path("_id").asString("?") + " refused with " + status + " "
                        + error.path("type").asString("") + ": " + error.path("reason").asString("");
            }
        }
        if (failure == null && created + already != expectedItems) {
            failure = "bulk answer covers " + (created + already) + " of " + expectedItems + " events";
        }
        return new BulkOutcome(failure == null, created, already, failure);
    }
}
