package io.debuggate.cli.command;

import io.debuggate.cli.api.GatewayApi;
import io.debuggate.cli.output.Printer;
import picocli.CommandLine.Command;

@Command(name = "whoami", description = "Show the user and groups the gateway sees in your token.")
public final class WhoamiCommand extends GatewayCommand {

    @Override
    void run(GatewayApi api, Printer printer) {
        printer.whoami(api.whoami());
    }
}
