package io.debuggate.cli.command;

import io.debuggate.cli.api.GatewayApi;
import io.debuggate.cli.output.JsonText;
import io.debuggate.cli.output.Printer;
import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

@Command(name = "reload", description = {"Re-read the gateway's policy file and apply it to new requests and messages (admins).",
        "Prints what changed; a malformed file is refused with its line, and the old policy stays."})
public final class PolicyReloadCommand extends PolicySubcommand {

    @Override
    void run(GatewayApi api, Printer printer) {
        JsonNode outcome = api.reloadPolicy();
        if (json()) {
            printer.json(outcome);
            return;
        }
        if (!outcome.path("changed").asBoolean()) {
            out().println("unchanged: " + JsonText.of(outcome, "source") + " (sha256 " + JsonText.of(outcome, "newSha256") + ")");
        } else {
            out().println("reloaded " + JsonText.of(outcome, "source") + ": sha256 " + JsonText.of(outcome, "oldSha256")
                    + " -> " + JsonText.of(outcome, "newSha256"));
            for (JsonNode line : outcome.path("diff")) {
                out().println("  " + line.asString());
            }
        }
        out().flush();
    }
}
