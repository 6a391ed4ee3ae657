package io.debuggate.cli.command;

import io.debuggate.cli.api.GatewayApi;
import io.debuggate.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "captures", description = {"What the breakpoints of a snapshot session captured (masked).",
        "--output json shows each capture's stack with arguments and locals."})
public final class CapturesCommand extends GatewayCommand {

    @Parameters(paramLabel = "ID", description = "The request id.")
    String id;

    @Override
    void run(GatewayApi api, Printer printer) {
        printer.captures(api.captures(id));
    }
}
