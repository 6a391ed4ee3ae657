package io.debuggate.audit.store;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Prepares Elasticsearch for the audit trail with the ADMIN identity, which the writer never
 * uses: the composable index template and (on a regular cluster) the writer and auditor roles.
 * Idempotent; run it at every start. {@link #verifyAppendOnly} then proves with the writer's own
 * identity that it can only append.
 */
public final class AuditStoreSetup {

    private static final Logger log = LoggerFactory.getLogger(AuditStoreSetup.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Privileges that would let the writer change or remove history. */
    static final List<String> FORBIDDEN = List.of("index", "write", "delete", "delete_index", "manage", "all",
            "create", "create_index");

    private final StoreConnection admin;
    private final RoleInstallation roles;

    public AuditStoreSetup(StoreConnection admin, RoleInstallation roles) {
        this.admin = Objects.requireNonNull(admin, "admin connection");
        this.roles = Objects.requireNonNull(roles, "role installation");
    }

    /** Applies the index template and, with {@link RoleInstallation#API}, the roles. */
    public void apply() {
        String where = admin.hosts().toString();
        try {
            admin.json("PUT", "/_index_template/" + AuditStoreResources.INDEX_TEMPLATE_NAME,
                    AuditStoreResources.indexTemplate());
            log.info("audit.store template applied name={} pattern={} at={}", AuditStoreResources.INDEX_TEMPLATE_NAME,
                    AuditStoreResources.INDEX_PATTERN, where);
            if (roles == RoleInstallation.API) {
                for (Map.Entry<String, JsonNode> role : AuditStoreResources.roles().entrySet()) {
                    admin.json("PUT", "/_security/role/" + role.getKey(), role.getValue());
                    log.info("audit.store role applied name={} at={}", role.getKey(), where);
                }
            }
        } catch (StoreRequestException e) {
            throw new AuditStoreSetupException(explain(e), e);
        } catch (IOException e) {
            throw new AuditStoreSetupException("Elasticsearch at " + where + " is unreachable (" + e.getMessage()
                    + "): start it or fix the configured URL, then start again", e);
        }
    }

    private String explain(StoreRequestException e) {
        String body = e.response().bodyText();
        if (e.status() == 401) {
            return "Elasticsearch rejects the admin user '" + admin.credentials().username()
                    + "' (401): fix its password in the configuration";
        }
        if (e.status() == 403) {
            return "the admin user '" + admin.credentials().username() + "' may not manage index templates or roles"
                    + " (403): give it manage_index_templates and manage_security, or use a superuser for set-up";
        }
        if (body.contains("pattern_capture") || body.contains("security index")) {
            return "this Elasticsearch cannot store roles through the API (" + e.getMessage() + "): it is the"
                    + " stripped test distribution; keep the roles in config/roles.yml and use RoleInstallation.FILE";
        }
        return "audit store set-up failed: " + e.getMessage();
    }

    /**
     * Checks with the writer's own identity that it may create documents in the audit indices and
     * may not overwrite, update or delete them, nor create or delete indices.
     *
     * @throws AuditStoreSetupException naming the excess privilege, or the missing one
     */
    public static void verifyAppendOnly(StoreConnection writer) {
        ObjectNode request = JSON.createObjectNode();
        ArrayNode index = request.putArray("index");
        ObjectNode entry = index.addObject();
        entry.putArray("names").add(AuditStoreResources.INDEX_PATTERN);
        ArrayNode privileges = entry.putArray("privileges").add("create_doc").add("auto_configure");
        FORBIDDEN.forEach(privileges::add);
        JsonNode answer;
        try {
            answer = writer.json("POST", "/_security/user/_has_privileges", request);
        } catch (StoreRequestException e) {
            throw new AuditStoreSetupException("cannot check the audit writer '" + writer.credentials().username()
                    + "': " + e.getMessage() + "; check its password", e);
        } catch (IOException e) {
            throw new AuditStoreSetupException("Elasticsearch at " + writer.hosts() + " is unreachable while checking"
                    + " the audit writer (" + e.getMessage() + ")", e);
        }
        JsonNode granted = answer.path("index").path(AuditStoreResources.INDEX_PATTERN);
        if (!granted.path("create_doc").asBoolean(false)) {
            throw new AuditStoreSetupException("the audit writer '" + writer.credentials().username()
                    + "' may not create documents in " + AuditStoreResources.INDEX_PATTERN + ": give it the role "
                    + AuditStoreResources.WRITER_ROLE);
        }
        for (String privilege : FORBIDDEN) {
            if (granted.path(privilege).asBoolean(false)) {
                throw new AuditStoreSetupException("the audit writer '" + writer.credentials().username()
                        + "' holds the privilege '" + privilege + "' on " + AuditStoreResources.INDEX_PATTERN
                        + ", so it could rewrite history: give it only the role " + AuditStoreResources.WRITER_ROLE);
            }
        }
    }
}
