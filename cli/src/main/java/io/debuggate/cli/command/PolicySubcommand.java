package io.debuggate.cli.command;

import io.debuggate.cli.api.GatewayApi;
import io.debuggate.cli.output.OutputFormat;
import io.debuggate.cli.output.Printer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** A {@code dgate policy ...} command: like {@link GatewayCommand}, one level deeper. */
abstract class PolicySubcommand implements Callable<Integer> {

    @ParentCommand
    PolicyCommand policy;

    @Mixin
    OutputOption output;

    @Override
    public final Integer call() {
        run(policy.root.api(), new Printer(policy.root.context().out(), output.format()));
        return 0;
    }

    abstract void run(GatewayApi api, Printer printer);

    boolean json() {
        return output.format() == OutputFormat.JSON;
    }

    PrintWriter out() {
        return policy.root.context().out();
    }
}
