package io.debuggate.cli.command;

import io.debuggate.cli.output.OutputFormat;
import picocli.CommandLine.Option;

/** {@code -o/--output table|json}, mixed into every command that prints gateway data. */
public final class OutputOption {

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default) or json.")
    OutputFormat format = OutputFormat.TABLE;

    public OutputFormat format() {
        return format;
    }
}
