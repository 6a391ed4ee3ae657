package io.debuggate.cli.command;

import io.debuggate.cli.api.GatewayApi;
import io.debuggate.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "revoke", description = "End a granted session early; its connections are cut.")
public final class RevokeCommand extends GatewayCommand {

    @Parameters(paramLabel = "ID", description = "The request id.")
    String id;

    @Option(names = {"-r", "--reason"}, required = true, description = "Why (recorded in the audit trail).")
    String reason;

    @Override
    void run(GatewayApi api, Printer printer) {
        printer.outcome("revoked", id, api.revoke(id, reason));
    }
}
