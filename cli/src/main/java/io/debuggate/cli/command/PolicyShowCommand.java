package io.debuggate.cli.command;

import io.debuggate.cli.api.GatewayApi;
import io.debuggate.cli.output.JsonText;
import io.debuggate.cli.output.Printer;
import io.debuggate.cli.output.Table;
import picocli.CommandLine.Command;

@Command(name = "show", description = "The policy in force (admins): source, sha256, when and by whom it was loaded.")
public final class PolicyShowCommand extends PolicySubcommand {

    @Override
    void run(GatewayApi api, Printer printer) {
        var policy = api.policy();
        if (json()) {
            printer.json(policy);
            return;
        }
        new Table("SOURCE", "SHA256", "LOADED AT", "LOADED BY", "ENVIRONMENT", "OVERRIDES")
                .row(JsonText.of(policy, "source"), JsonText.of(policy, "sha256"), JsonText.of(policy, "loadedAt"),
                        JsonText.of(policy, "loadedBy"), JsonText.of(policy, "environment"),
                        Integer.toString(policy.path("overrides").size()))
                .print(out());
    }
}
