package io.debuggate.cli.output;

/** The values of {@code --output}. */
public enum OutputFormat {
    TABLE, JSON
}
