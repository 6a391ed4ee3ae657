package io.debuggate.cli.command;

import io.debuggate.cli.api.GatewayApi;
import io.debuggate.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "show", description = "Show one request with its signatures and grant window.")
public final class ShowCommand extends GatewayCommand {

    @Parameters(paramLabel = "ID", description = "The request id, e.g. dr-5f2c0a9e41b7d3c8.")
    String id;

    @Override
    void run(GatewayApi api, Printer printer) {
        printer.request(api.request(id));
    }
}
