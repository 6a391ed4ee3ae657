package io.debuggate.cli.command;

import io.debuggate.cli.Dgate;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "policy", description = {"The gateway's policy: explain what masking does to a sample (everyone),",
        "show the policy in force and reload it from its file (admins)."},
        subcommands = {PolicyExplainCommand.class, PolicyShowCommand.class, PolicyReloadCommand.class})
public final class PolicyCommand implements Runnable {

    @ParentCommand
    Dgate root;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(Objects.requireNonNull(spec).commandLine(),
                "missing subcommand: dgate policy explain TEXT, dgate policy show or dgate policy reload");
    }
}
