package io.debuggate.agent.protocol;

import java.util.Arrays;
import java.util.Locale;

/** The tool an order grants; the wire name is the lower-case form. */
public enum DebugTool {
    PPROF, DLV, DAP;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Exact, case-sensitive match: {@code "DLV"} is not a tool name on the wire. */
    public static DebugTool fromWireName(String name) {
        for (DebugTool tool : values()) {
            if (tool.wireName().equals(name)) {
                return tool;
            }
        }
        throw new IllegalArgumentException("unknown tool \"" + name + "\": expected one of "
                + Arrays.stream(values()).map(DebugTool::wireName).toList());
    }
}
