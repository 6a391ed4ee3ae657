package io.debuggate.cli.command;

import io.debuggate.cli.api.GatewayApi;
import io.debuggate.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "cancel", description = "Withdraw your own request before it is granted.")
public final class CancelCommand extends GatewayCommand {

    @Parameters(paramLabel = "ID", description = "The request id.")
    String id;

    @Override
    void run(GatewayApi api, Printer printer) {
        printer.outcome("cancelled", id, api.cancel(id));
    }
}
