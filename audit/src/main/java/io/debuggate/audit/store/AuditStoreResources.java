package io.debuggate.audit.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Elasticsearch definitions the audit trail relies on: index template and roles. Their one
 * source is {@code deploy/elasticsearch/} in the repository; the build puts the same files on the
 * classpath under {@code io/debuggate/audit/elasticsearch/}.
 */
public final class AuditStoreResources {

    public static final String INDEX_TEMPLATE_NAME = "debuggate-audit";
    public static final String INDEX_PATTERN = "debuggate-audit-*";
    public static final String INDEX_PREFIX = "debuggate-audit-";
    public static final String WRITER_ROLE = "debuggate_audit_writer";
    public static final String READER_ROLE = "debuggate_audit_reader";

    private static final String BASE = "/io/debuggate/audit/elasticsearch/";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AuditStoreResources() {
    }

    /** The composable index template body for {@code PUT _index_template/debuggate-audit}. */
    public static JsonNode indexTemplate() {
        return read("index-templates/" + INDEX_TEMPLATE_NAME + ".json");
    }

    /** Role name to role body for {@code PUT _security/role/<name>}, writer first. */
    public static Map<String, JsonNode> roles() {
        Map<String, JsonNode> roles = new LinkedHashMap<>();
        roles.put(WRITER_ROLE, read("roles/" + WRITER_ROLE + ".json"));
        roles.put(READER_ROLE, read("roles/" + READER_ROLE + ".json"));
        return roles;
    }

    /** Same roles in the shape of Elasticsearch's {@code config/roles.yml} (JSON is valid YAML). */
    public static String rolesYaml() {
        StringBuilder yaml = new StringBuilder("# Written by debuggate from io/debuggate/audit/elasticsearch/roles/*.json\n");
        roles().forEach((name, body) -> yaml.append(name).append(": ").append(JSON.writeValueAsString(body)).append('\n'));
        return yaml.toString();
    }

    private static JsonNode read(String relative) {
        try (InputStream in = AuditStoreResources.class.getResourceAsStream(BASE + relative)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + BASE + relative
                        + " is missing: the audit jar was built without deploy/elasticsearch; rebuild it with Maven");
            }
            return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
