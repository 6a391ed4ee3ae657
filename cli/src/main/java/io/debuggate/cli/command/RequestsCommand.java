package io.debuggate.cli.command;

import io.debuggate.cli.api.GatewayApi;
import io.debuggate.cli.output.Printer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "requests", description = "List requests: your own (default), those awaiting your signature, or all.")
public final class RequestsCommand extends GatewayCommand {

    static final class Scope {
        @Option(names = "--mine", description = "Your own requests (default).")
        boolean mine;
        @Option(names = "--pending", description = "Requests waiting for your signature.")
        boolean pending;
        @Option(names = "--all", description = "Every request you may see (approvers, auditors, admins).")
        boolean all;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Scope scope;

    String scope() {
        if (scope == null || scope.mine) {
            return "mine";
        }
        return scope.pending ? "pending" : "all";
    }

    @Override
    void run(GatewayApi api, Printer printer) {
        printer.requests(api.listRequests(scope()));
    }
}
