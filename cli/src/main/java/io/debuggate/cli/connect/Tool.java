package io.debuggate.cli.connect;

import java.util.Locale;
import java.util.Optional;

/** The tools a grant can name, and how each one's local port is used. */
public enum Tool {
    PPROF("pprof"),
    DLV("dlv"),
    DAP("dap");

    private final String wireName;

    Tool(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Tool> fromWire(String name) {
        for (Tool tool : values()) {
            if (tool.wireName.equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(tool);
            }
        }
        return Optional.empty();
    }
}
