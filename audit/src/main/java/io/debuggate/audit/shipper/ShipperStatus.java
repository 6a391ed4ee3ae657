package io.debuggate.audit.shipper;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The shipper's view of the audit store.
 *
 * @param shippedSequence last sequence Elasticsearch confirmed (created or already there)
 * @param lastContact last time Elasticsearch answered the writer successfully
 * @param unreachableSince since when shipping or probing has been failing; {@code null} while fine
 * @param lastError the most recent failure, for operators
 */
public record ShipperStatus(long shippedSequence, @Nullable Instant lastContact, @Nullable Instant unreachableSince,
        @Nullable String lastError, long shippedEvents, long bulkRequests, long retries) {
}
