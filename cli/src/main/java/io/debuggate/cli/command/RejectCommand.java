package io.debuggate.cli.command;

import io.debuggate.cli.api.GatewayApi;
import io.debuggate.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "reject", description = "Reject a request; a rejection ends it.")
public final class RejectCommand extends GatewayCommand {

    @Parameters(paramLabel = "ID", description = "The request id.")
    String id;

    @Option(names = {"-c", "--comment"}, required = true, description = "Why (the requester reads it).")
    String comment;

    @Override
    void run(GatewayApi api, Printer printer) {
        printer.outcome("rejected", id, api.reject(id, comment));
    }
}
