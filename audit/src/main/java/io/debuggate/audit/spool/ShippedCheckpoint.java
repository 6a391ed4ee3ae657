package io.debuggate.audit.spool;

import io.debuggate.audit.event.ChainHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * How far Elasticsearch has confirmed the chain. Written after every acknowledged bulk request
 * by write-then-rename and without fsync: losing it only makes the shipper send events again,
 * which Elasticsearch answers with 409 (already there), so it never causes a duplicate.
 */
public record ShippedCheckpoint(long sequence, String hash, long segment, long offset) {

    static final String FILE_NAME = "shipped.checkpoint";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static ShippedCheckpoint none() {
        return new ShippedCheckpoint(0, ChainHash.GENESIS, 1, 0);
    }

    static ShippedCheckpoint load(Path directory) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return none();
        }
        try {
            JsonNode node = JSON.readTree(Files.readString(file));
            return new ShippedCheckpoint(node.get("sequence").asLong(), node.get("hash").asString(),
                    node.get("segment").asLong(), node.get("offset").asLong());
        } catch (RuntimeException e) {
            // Safe to forget: shipping restarts from the oldest segment and 409s skip what is there.
            return none();
        }
    }

    void save(Path directory) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("sequence", sequence);
        node.put("hash", hash);
        node.put("segment", segment);
        node.put("offset", offset);
        Path temp = directory.resolve(FILE_NAME + ".tmp");
        Files.writeString(temp, JSON.writeValueAsString(node));
        Files.move(temp, directory.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }
}
