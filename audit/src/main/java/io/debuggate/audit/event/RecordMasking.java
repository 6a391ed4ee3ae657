package io.debuggate.audit.event;

import io.debuggate.audit.AuditRecord;
import io.debuggate.audit.AuditUnavailableException;
import io.debuggate.policies.masking.Masker;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Applies the masking engine to everything a caller may have filled with customer data — the
 * free-text reason and every string inside {@code details}, however deep — before the event
 * exists anywhere, the spool included. Identifiers (user, session, target, request, trace) are
 * kept as they are: auditors search by them.
 */
public final class RecordMasking {

    private final Masker masker;

    public RecordMasking(Masker masker) {
        this.masker = java.util.Objects.requireNonNull(masker, "masker");
    }

    public AuditRecord mask(AuditRecord record) {
        try {
            Map<String, Object> details = new LinkedHashMap<>();
            record.details().forEach((key, value) -> {
                Object masked = maskValue(value);
                if (masked != null) {
                    details.put(key, masked);
                }
            });
            String reason = record.reason() == null ? null : masker.mask(record.reason());
            return new AuditRecord(record.action(), record.outcome(), record.user(), record.sessionId(),
                    record.target(), record.requestId(), reason, details, record.traceId());
        } catch (RuntimeException e) {
            // An unmasked event must never be stored, so a masking failure is an audit failure.
            throw new AuditUnavailableException("masking the audit event '" + record.action() + "' failed ("
                    + e.getClass().getSimpleName() + "); the event was not recorded", e);
        }
    }

    /** Strings masked; numbers and booleans kept; maps, collections and arrays walked; the rest as masked text. */
    @Nullable Object maskValue(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            return masker.mask(text);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof BigInteger) {
            return maskLongNumber(value);
        }
        if (value instanceof Boolean || value instanceof Short || value instanceof Byte || value instanceof Double
                || value instanceof Float || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Optional<?> optional) {
            return maskValue(optional.orElse(null));
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> masked = new LinkedHashMap<>();
            map.forEach((key, element) -> {
                Object maskedElement = maskValue(element);
                if (maskedElement != null) {
                    masked.put(String.valueOf(key), maskedElement);
                }
            });
            return masked;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> masked = new ArrayList<>(collection.size());
            for (Object element : collection) {
                masked.add(maskValue(element));
            }
            return masked;
        }
        if (value.getClass().isArray() && !(value instanceof byte[])) {
            int length = Array.getLength(value);
            List<Object> masked = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                masked.add(maskValue(Array.get(value, i)));
            }
            return masked;
        }
        if (value instanceof byte[] bytes) {
            return "(" + bytes.length + " bytes)";
        }
        return masker.mask(value.toString());
    }

    /** A phone or card number passed as a number must not slip past the masker. */
    private Object maskLongNumber(Object number) {
        String digits = number.toString();
        if (digits.length() < 6) {
            return number;
        }
        String masked = masker.mask(digits);
        return masked.equals(digits) ? number : masked;
    }
}
