package io.debuggate.gateway.delve;

import java.util.List;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Random JSON shaped like dlv's replies, for the masker's property tests: file and function names
 * among personal data of every built-in kind, escapes, non-ASCII text, redacted and personal keys,
 * 64-bit numbers and literals, nested up to six levels.
 */
final class RandomJson {

    static final List<String> TEXTS = List.of("/usr/lib/go/src/runtime/proc.go", "main.handle", "li.na@example.com",
            "call 13812345678 now", "card 4111 1111 1111 1111", "id 11010519491231002X", "quote \" and \\ backslash",
            "line\nbreak\ttab", "张三 13912345678", "emoji 😀 wang.wei@example.cn", "", "\u0001control", "<tag> & more");
    static final List<String> KEYS = List.of("file", "name", "token", "password", "labels", "13812345678",
            "user@example.com", "secret_key", "pc", "waitReason");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RandomJson() {
    }

    static String key(Random random) {
        return KEYS.get(random.nextInt(KEYS.size()));
    }

    static JsonNode value(Random random, int depth) {
        int kind = depth > 4 ? random.nextInt(4) : random.nextInt(6);
        return switch (kind) {
            case 0 -> NODES.stringNode(TEXTS.get(random.nextInt(TEXTS.size())));
            case 1 -> NODES.numberNode(random.nextLong());
            case 2 -> random.nextBoolean() ? NODES.booleanNode(random.nextBoolean()) : NODES.nullNode();
            case 3 -> NODES.numberNode(random.nextDouble() * 1e6);
            case 4 -> {
                ArrayNode array = NODES.arrayNode();
                for (int k = random.nextInt(4); k > 0; k--) {
                    array.add(value(random, depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int k = random.nextInt(5); k > 0; k--) {
                    object.set(key(random), value(random, depth + 1));
                }
                yield object;
            }
        };
    }
}
