package io.debuggate.cli.command;

import io.debuggate.cli.api.GatewayApi;
import io.debuggate.cli.output.Printer;
import picocli.CommandLine.Command;

@Command(name = "targets", description = "List the targets a request may name (service/instance).")
public final class TargetsCommand extends GatewayCommand {

    @Override
    void run(GatewayApi api, Printer printer) {
        printer.targets(api.targets());
    }
}
