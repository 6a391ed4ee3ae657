package io.debuggate.cli.command;

import io.debuggate.cli.api.GatewayApi;
import io.debuggate.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "kill", description = {"The kill switch (admins): cut every debug session on one target, or everywhere,",
        "tear each target down safely and report it as the agent sees it afterwards."})
public final class KillCommand extends GatewayCommand {

    @Option(names = {"-t", "--target"}, paramLabel = "SERVICE/INSTANCE", description = "Only this target (default: all).")
    String target;

    @Option(names = {"-r", "--reason"}, required = true, description = "Why (told to the engineers and recorded).")
    String reason;

    @Override
    void run(GatewayApi api, Printer printer) {
        printer.killReport(api.kill(target, reason));
    }
}
