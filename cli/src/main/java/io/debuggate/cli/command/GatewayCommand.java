package io.debuggate.cli.command;

import io.debuggate.cli.Dgate;
import io.debuggate.cli.api.GatewayApi;
import io.debuggate.cli.output.Printer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** A subcommand that calls the gateway's API as the logged-in user and prints the answer. */
abstract class GatewayCommand implements Callable<Integer> {

    @ParentCommand
    Dgate root;

    @Mixin
    OutputOption output;

    @Override
    public final Integer call() {
        run(root.api(), new Printer(out(), output.format()));
        return 0;
    }

    abstract void run(GatewayApi api, Printer printer);

    PrintWriter out() {
        return root.context().out();
    }
}
