package io.debuggate.gateway.delve;

import io.debuggate.policies.masking.MaskingEngine;
import io.debuggate.policies.masking.MaskingPolicy;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Copies one JSON value from a parser to a generator, masking every string and object key on the
 * way and replacing values of fields named by the field-name rules, without building a tree. For
 * replies that carry no Delve {@code Variable}s (goroutine lists with their pprof labels, threads,
 * function and source lists): a 10 000-goroutine list is ~8 MB, and a tree copy of it costs more
 * than dlv takes to produce it. Numbers are copied as they are (uint64 addresses stay exact).
 *
 * <p>Not thread-safe: one per connection's reply relay. Object keys are nearly all Delve's own field
 * names, repeated hundreds of thousands of times in a large list, and judging a key (field-name
 * rules, masking) cost more than the rest of the copy together; so verdicts on keys are
 * remembered, but only for keys the engine leaves as they are, so no personal data is kept.
 */
public final class StreamingJsonMasker {

    private static final int MAX_REMEMBERED_KEYS = 4096;

    private final MaskingEngine engine;
    private final Map<String, Boolean> plainKeys = new HashMap<>();

    public StreamingJsonMasker(MaskingEngine engine) {
        this.engine = engine;
    }

    /** Copies the value at the parser's current token; leaves the parser on that value's last token. */
    public void copy(JsonParser p, JsonGenerator g) {
        int depth = 0;
        do {
            JsonToken t = p.currentToken();
            switch (t) {
                case START_OBJECT -> {
                    g.writeStartObject();
                    depth++;
                }
                case START_ARRAY -> {
                    g.writeStartArray();
                    depth++;
                }
                case END_OBJECT -> {
                    g.writeEndObject();
                    depth--;
                }
                case END_ARRAY -> {
                    g.writeEndArray();
                    depth--;
                }
                case PROPERTY_NAME -> {
                    String name = p.currentName();
                    Boolean redacts = plainKeys.get(name);
                    if (redacts == null) {
                        String masked = engine.mask(name);
                        redacts = engine.redactsField(name);
                        if (masked.equals(name) && plainKeys.size() < MAX_REMEMBERED_KEYS) {
                            plainKeys.put(name, redacts);
                        }
                        g.writeName(masked);
                    } else {
                        g.writeName(name);
                    }
                    if (redacts) {
                        JsonToken value = p.nextToken();
                        if (value == JsonToken.VALUE_NULL) {
                            g.writeNull();
                        } else {
                            p.skipChildren();
                            g.writeString(MaskingPolicy.FIELD_REDACTION);
                        }
                    }
                }
                case VALUE_STRING -> g.writeString(engine.mask(p.getString()));
                default -> g.copyCurrentEvent(p);
            }
        } while (depth > 0 && p.nextToken() != null);
    }
}
