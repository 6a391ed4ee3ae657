package io.debuggate.cli.config;

import io.debuggate.cli.DgateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code credentials.json}: one entry per gateway address. The file is created owner-only (0600,
 * directory 0700) before any token is written into it, replaced atomically, and refused when
 * someone else can read it, the way ssh treats private keys.
 */
public final class CredentialStore {

    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Path file;

    public CredentialStore(Path configDir) {
        this.file = configDir.resolve("credentials.json");
    }

    public Path file() {
        return file;
    }

    public Optional<StoredCredentials> load(GatewayAddress gateway) {
        return Optional.ofNullable(readAll().get(gateway.toString()));
    }

    public void save(GatewayAddress gateway, StoredCredentials credentials) {
        Map<String, StoredCredentials> all = readAll();
        all.put(gateway.toString(), credentials);
        writeAll(all);
    }

    /** @return whether there was anything to remove */
    public boolean remove(GatewayAddress gateway) {
        Map<String, StoredCredentials> all = readAll();
        if (all.remove(gateway.toString()) == null) {
            return false;
        }
        writeAll(all);
        return true;
    }

    private Map<String, StoredCredentials> readAll() {
        Map<String, StoredCredentials> all = new TreeMap<>();
        if (!Files.exists(file)) {
            return all;
        }
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (!FILE_MODE.containsAll(mode)) {
                throw new DgateException("credentials file " + file + " is accessible by other users (mode "
                        + PosixFilePermissions.toString(mode) + "): run 'chmod 600 " + file + "', or delete it and run dgate login");
            }
            JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            for (Map.Entry<String, JsonNode> entry : root.properties()) {
                all.put(entry.getKey(), fromJson(entry.getValue()));
            }
            return all;
        } catch (IOException | JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new DgateException("cannot read credentials file " + file + " (" + e.getMessage()
                    + "): delete it and run dgate login", e);
        }
    }

    private void writeAll(Map<String, StoredCredentials> all) {
        ObjectNode root = JSON.createObjectNode();
        all.forEach((gateway, c) -> root.set(gateway, toJson(c)));
        try {
            Path dir = file.getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
            }
            // Created 0600 from the first byte: a chmod after writing would leave a window.
            Path temp = Files.createTempFile(dir, "credentials", ".tmp", PosixFilePermissions.asFileAttribute(FILE_MODE));
            try {
                Files.writeString(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root), StandardCharsets.UTF_8);
                try {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
            Files.setPosixFilePermissions(file, FILE_MODE);
        } catch (IOException e) {
            throw new DgateException("cannot write credentials file " + file + " (" + e.getMessage()
                    + "): check that the directory is writable or set DGATE_CONFIG_DIR", e);
        }
    }

    private static ObjectNode toJson(StoredCredentials c) {
        ObjectNode node = JSON.createObjectNode();
        node.put("username", c.username());
        node.put("accessToken", c.accessToken());
        if (c.refreshToken() != null) {
            node.put("refreshToken", c.refreshToken());
        }
        node.put("expiresAt", c.expiresAt().toString());
        node.put("tokenEndpoint", c.tokenEndpoint());
        node.put("clientId", c.clientId());
        return node;
    }

    private static StoredCredentials fromJson(JsonNode node) {
        JsonNode refresh = node.get("refreshToken");
        return new StoredCredentials(
                required(node, "username"),
                required(node, "accessToken"),
                refresh != null && refresh.isString() ? refresh.asString() : null,
                Instant.parse(required(node, "expiresAt")),
                required(node, "tokenEndpoint"),
                required(node, "clientId"));
    }

    private static String required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString()) {
            throw new IllegalArgumentException("entry without '" + field + "'");
        }
        return value.asString();
    }
}
