package io.debuggate.policies.yaml;

import io.debuggate.policies.Durations;
import io.debuggate.policies.PolicyLoadException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML node with its path in the document ({@code modes.snapshot.delve.methods[3]}) and typed,
 * strict accessors. Every error names the source file, the node's line and column, the path and
 * the reason, so that a bad policy is fixed at once.
 */
public final class PolicyNode {

    private final Node node;
    private final String path;
    private final String source;

    PolicyNode(Node node, String path, String source) {
        this.node = node;
        this.path = path;
        this.source = source;
    }

    public String path() {
        return path;
    }

    /** 1-based line where this node starts in the file. */
    public int line() {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    /** {@code key:} with nothing after it; for profiles it means "allowed, no options" like {@code key: {}}. */
    public boolean isNull() {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    public PolicyLoadException error(String reason) {
        return error(node.getStartMark(), reason);
    }

    private PolicyLoadException error(@Nullable Mark mark, String reason) {
        int line = mark == null ? 0 : mark.getLine() + 1;
        int column = mark == null ? 0 : mark.getColumn() + 1;
        return new PolicyLoadException(source, line, column, (path.isEmpty() ? "" : path + ": ") + reason);
    }

    /** Runs a constructor that validates, reporting its complaint at this node. */
    public <T> T build(java.util.function.Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /** The keys of a mapping; unknown keys, duplicates, merge keys and missing required keys are errors. */
    public Map<String, PolicyNode> mapping(Set<String> required, Set<String> optional) {
        if (!(node instanceof MappingNode map)) {
            throw error("expected a mapping with keys " + new TreeSet<>(union(required, optional)) + ", got " + describe());
        }
        Map<String, PolicyNode> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            Node k = t.getKeyNode();
            if (!(k instanceof ScalarNode ks) || k.getTag().equals(Tag.MERGE)) {
                throw error(k.getStartMark(), "keys must be plain names (no merge keys or complex keys)");
            }
            String key = ks.getValue();
            if (!required.contains(key) && !optional.contains(key)) {
                throw error(k.getStartMark(), "unknown key '" + key + "'; allowed keys: "
                        + new TreeSet<>(union(required, optional)));
            }
            if (out.containsKey(key)) {
                throw error(k.getStartMark(), "duplicate key '" + key + "'");
            }
            out.put(key, new PolicyNode(t.getValueNode(), child(key), source));
        }
        for (String r : required) {
            if (!out.containsKey(r)) {
                throw error("missing required key '" + r + "'");
            }
        }
        return out;
    }

    /** A mapping with free keys (mode names, profile names); duplicates are still errors. */
    public Map<String, PolicyNode> entries(Function<String, @Nullable String> keyProblem) {
        if (!(node instanceof MappingNode map)) {
            throw error("expected a mapping, got " + describe());
        }
        Map<String, PolicyNode> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            Node k = t.getKeyNode();
            if (!(k instanceof ScalarNode ks) || k.getTag().equals(Tag.MERGE)) {
                throw error(k.getStartMark(), "keys must be plain names (no merge keys or complex keys)");
            }
            String key = ks.getValue();
            String problem = keyProblem.apply(key);
            if (problem != null) {
                throw error(k.getStartMark(), problem);
            }
            if (out.containsKey(key)) {
                throw error(k.getStartMark(), "duplicate key '" + key + "'");
            }
            out.put(key, new PolicyNode(t.getValueNode(), child(key), source));
        }
        return out;
    }

    public List<PolicyNode> list() {
        if (!(node instanceof SequenceNode seq)) {
            throw error("expected a list, got " + describe());
        }
        List<PolicyNode> out = new ArrayList<>();
        int k = 0;
        for (Node n : seq.getValue()) {
            out.add(new PolicyNode(n, path + "[" + k++ + "]", source));
        }
        return out;
    }

    /** A list of strings without repeats. */
    public List<String> strings() {
        List<String> out = new ArrayList<>();
        for (PolicyNode n : list()) {
            String s = n.string();
            if (out.contains(s)) {
                throw n.error("'" + s + "' is listed twice");
            }
            out.add(s);
        }
        return out;
    }

    public String string() {
        ScalarNode s = scalar("a string");
        if (s.getTag().equals(Tag.NULL)) {
            throw error("expected a string, got nothing (null)");
        }
        return s.getValue();
    }

    public boolean bool() {
        ScalarNode s = scalar("true or false");
        if (!s.getTag().equals(Tag.BOOL)) {
            throw error("expected true or false, got '" + s.getValue() + "'");
        }
        return Boolean.parseBoolean(s.getValue().toLowerCase(java.util.Locale.ROOT));
    }

    public int integer(int min, int max) {
        ScalarNode s = scalar("a whole number");
        int v;
        try {
            if (!s.getTag().equals(Tag.INT)) {
                throw new NumberFormatException();
            }
            v = Integer.parseInt(s.getValue().replace("_", ""));
        } catch (NumberFormatException e) {
            throw error("expected a whole number between " + min + " and " + max + ", got '" + s.getValue() + "'");
        }
        if (v < min || v > max) {
            throw error("must be between " + min + " and " + max + ", got " + v);
        }
        return v;
    }

    public double decimal(double min, double max) {
        ScalarNode s = scalar("a number");
        double v;
        try {
            if (!s.getTag().equals(Tag.FLOAT) && !s.getTag().equals(Tag.INT)) {
                throw new NumberFormatException();
            }
            v = Double.parseDouble(s.getValue());
        } catch (NumberFormatException e) {
            throw error("expected a number between " + plain(min) + " and " + plain(max) + ", got '" + s.getValue() + "'");
        }
        if (!(v >= min && v <= max)) {
            throw error("must be between " + plain(min) + " and " + plain(max) + ", got " + s.getValue());
        }
        return v;
    }

    private static String plain(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    public Duration duration() {
        ScalarNode s = scalar("a duration");
        try {
            return Durations.parse(s.getValue());
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    private ScalarNode scalar(String expected) {
        if (!(node instanceof ScalarNode s)) {
            throw error("expected " + expected + ", got " + describe());
        }
        return s;
    }

    private String describe() {
        return switch (node) {
            case MappingNode m -> "a mapping";
            case SequenceNode q -> "a list";
            case ScalarNode s -> s.getTag().equals(Tag.NULL) ? "nothing (null)" : "'" + s.getValue() + "'";
            default -> node.getNodeId().toString();
        };
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }
}
