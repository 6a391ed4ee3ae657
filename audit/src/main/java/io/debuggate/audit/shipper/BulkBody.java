package io.debuggate.audit.shipper;

import io.debuggate.audit.event.AuditEventEncoder;
import io.debuggate.audit.spool.SpoolRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * The NDJSON body of a bulk request of {@code create} operations with deterministic ids: the
 * stored bytes are sent as they are, so what Elasticsearch keeps is exactly what was hashed.
 */
final class BulkBody {

    private BulkBody() {
    }

    static String indexFor(String prefix, long epochMillis) {
        ZonedDateTime when = Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC);
        return prefix + "%04d.%02d".formatted(when.getYear(), when.getMonthValue());
    }

    static byte[] of(List<SpoolRecord> records, String instance, String indexPrefix) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(records.size() * 700);
        long cachedMonthStart = Long.MAX_VALUE;
        long cachedMonthEnd = Long.MIN_VALUE;
        String index = "";
        for (SpoolRecord record : records) {
            if (record.epochMillis() < cachedMonthStart || record.epochMillis() >= cachedMonthEnd) {
                ZonedDateTime month = Instant.ofEpochMilli(record.epochMillis()).atZone(ZoneOffset.UTC)
                        .withDayOfMonth(1).toLocalDate().atStartOfDay(ZoneOffset.UTC);
                cachedMonthStart = month.toInstant().toEpochMilli();
                cachedMonthEnd = month.plusMonths(1).toInstant().toEpochMilli();
                index = indexFor(indexPrefix, record.epochMillis());
            }
            String action = "{\"create\":{\"_index\":\"" + index + "\",\"_id\":\""
                    + AuditEventEncoder.eventId(instance, record.sequence()) + "\"}}\n";
            body.writeBytes(action.getBytes(StandardCharsets.UTF_8));
            body.writeBytes(record.payload());
            body.write('\n');
        }
        return body.toByteArray();
    }
}
