package io.debuggate.cli.command;

import io.debuggate.cli.api.GatewayApi;
import io.debuggate.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "approve", description = "Sign a request as dev lead or ops lead (the gateway picks the role from your groups).")
public final class ApproveCommand extends GatewayCommand {

    @Parameters(paramLabel = "ID", description = "The request id.")
    String id;

    @Option(names = {"-c", "--comment"}, description = "Why you approve (recorded with your signature).")
    String comment;

    @Override
    void run(GatewayApi api, Printer printer) {
        printer.outcome("approved", id, api.approve(id, comment));
    }
}
