package io.debuggate.approval.internal;

import io.debuggate.approval.DebugRequestDraft;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stored form of a draft. JSON keeps the table readable for operators; the content hash does
 * not depend on it (see {@link io.debuggate.approval.request.ContentHasher}).
 */
final class DraftJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private DraftJson() {
    }

    static String write(DebugRequestDraft draft) {
        return MAPPER.writeValueAsString(draft);
    }

    static DebugRequestDraft read(String json) {
        return MAPPER.readValue(json, DebugRequestDraft.class);
    }
}
