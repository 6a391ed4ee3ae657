package io.debuggate.gateway.delve;

import io.debuggate.policies.masking.MaskingEngine;
import io.debuggate.policies.masking.MaskingPolicy;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Copies one JSON value from a parser to a generator, masking every string and object key on the
 * way and replacing values of fields named by the field-name rules, without building a tree. For
 * replies that carry no Delve {@code Variable}s (goroutine lists with their pprof labels, threads,
 * function and source lists): a 10 000-goroutine list is ~8 MB, and a tree copy of it costs more
 * than dlv takes to produce it. Numbers are copied as they are (uint64 addresses stay exact).
 */
public final class StreamingJsonMasker {

    private final MaskingEngine engine;

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
                    g.writeName(engine.mask(name));
                    if (engine.redactsField(name)) {
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
