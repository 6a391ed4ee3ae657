package io.debuggate.gateway.auditapi;

import io.debuggate.audit.DurableAuditTrail;
import io.debuggate.audit.chain.ChainVerification;
import io.debuggate.audit.chain.ChainVerifier;
import io.debuggate.audit.shipper.ShipperStatus;
import io.debuggate.audit.store.AuditStoreResources;
import io.debuggate.audit.store.StoreConnection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Verifies a range of one gateway instance's hash chain as stored in Elasticsearch, read with the
 * auditor identity. An open-ended range on this gateway's own chain must reach the last event the
 * shipper saw confirmed, so a deleted tail shows as TRUNCATED.
 */
@Component
public class ChainCheck {

    /** Shipped events become searchable after the store's refresh interval (1 s by default). */
    private static final long REFRESH_WAIT_MILLIS = 1_500;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final StoreConnection auditor;
    private final DurableAuditTrail trail;

    ChainCheck(@Qualifier("auditorConnection") StoreConnection auditor, DurableAuditTrail trail) {
        this.auditor = auditor;
        this.trail = trail;
    }

    /** This gateway's chain, the default one to verify. */
    public String localInstance() {
        return trail.instance();
    }

    /** Every chain (gateway instance) the store holds events of, this gateway's first. */
    public List<String> instances() throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("size", 0);
        body.putObject("aggs").putObject("instances").putObject("terms")
                .put("field", "debuggate.chain.instance").put("size", 200);
        List<String> names = new ArrayList<>();
        names.add(trail.instance());
        JsonNode answer = auditor.json("POST", "/" + AuditStoreResources.INDEX_PATTERN + "/_search", body);
        for (JsonNode bucket : answer.path("aggregations").path("instances").path("buckets")) {
            String name = bucket.path("key").asString("");
            if (!name.isEmpty() && !names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * @param instance chain to check; {@code null} = this gateway's
     * @param from first sequence (default 1)
     * @param to last sequence, inclusive (default: the end)
     */
    public VerificationReport verify(@Nullable String instance, @Nullable Long from, @Nullable Long to)
            throws IOException {
        String chain = instance == null || instance.isBlank() ? trail.instance() : instance.strip();
        long first = from == null ? 1 : from;
        long last = to == null ? Long.MAX_VALUE : to;
        Long expectedHead = null;
        ShipperStatus shipped = trail.shipperStatus();
        if (to == null && chain.equals(trail.instance()) && shipped != null && shipped.shippedSequence() >= first) {
            expectedHead = shipped.shippedSequence();
        }
        ChainVerification result = verifier(expectedHead).verify(chain, first, last);
        if (expectedHead != null && !result.intact()) {
            // the newest shipped events may not be searchable yet: a real break is still there after a refresh
            sleep();
            result = verifier(expectedHead).verify(chain, first, last);
        }
        return VerificationReport.of(result, expectedHead);
    }

    private ChainVerifier verifier(@Nullable Long expectedHead) {
        ChainVerifier verifier = new ChainVerifier(auditor);
        if (expectedHead != null) {
            verifier.expectHead(expectedHead);
        }
        return verifier;
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(REFRESH_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the audit store to refresh", e);
        }
    }
}
