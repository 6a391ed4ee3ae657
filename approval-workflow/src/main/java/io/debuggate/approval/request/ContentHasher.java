package io.debuggate.approval.request;

import io.debuggate.approval.DebugRequestDraft;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * SHA-256 over a canonical serialization of a draft. The format is ours, not a JSON library's, so
 * the hash of a stored request never changes with a library upgrade: a version line, then one
 * {@code name=length:value} line per field in a fixed order; sets are sorted, lists keep order.
 * Length prefixes make it unambiguous even when values contain newlines or '='.
 */
public final class ContentHasher {

    static final String FORMAT = "debuggate.request.v1";

    private ContentHasher() {
    }

    public static String hash(DebugRequestDraft draft) {
        return HexFormat.of().formatHex(sha256(canonical(draft).getBytes(StandardCharsets.UTF_8)));
    }

    static String canonical(DebugRequestDraft d) {
        StringBuilder out = new StringBuilder(FORMAT).append('\n');
        field(out, "targetService", d.targetService());
        field(out, "targetInstance", d.targetInstance());
        field(out, "tools", d.tools() == null ? null : String.join(",", new TreeSet<>(d.tools())));
        list(out, "pprofProfiles", d.pprofProfiles());
        field(out, "mode", d.mode());
        field(out, "reason", d.reason());
        field(out, "ticket", d.ticket());
        field(out, "changeScope", d.changeScope());
        field(out, "rollbackSteps", d.rollbackSteps());
        field(out, "expectedImpact", d.expectedImpact());
        field(out, "expectedImpactMinutes", d.expectedImpactMinutes() == null ? null : d.expectedImpactMinutes().toString());
        list(out, "monitoringChecks", d.monitoringChecks());
        field(out, "requestedDurationMinutes", d.requestedDurationMinutes() == null ? null : d.requestedDurationMinutes().toString());
        return out.toString();
    }

    private static void list(StringBuilder out, String name, @Nullable Collection<String> values) {
        List<String> items = values == null ? List.of() : List.copyOf(values);
        out.append(name).append('#').append(items.size()).append('\n');
        for (int i = 0; i < items.size(); i++) {
            field(out, name + "[" + i + "]", items.get(i));
        }
    }

    private static void field(StringBuilder out, String name, @Nullable String value) {
        out.append(name).append('=');
        if (value == null) {
            out.append("null");
        } else {
            out.append(value.length()).append(':').append(value);
        }
        out.append('\n');
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
