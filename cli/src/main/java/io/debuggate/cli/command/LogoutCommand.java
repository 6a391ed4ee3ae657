package io.debuggate.cli.command;

import io.debuggate.cli.Dgate;
import io.debuggate.cli.config.GatewayAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "logout", description = "Forget the tokens stored for this gateway.")
public final class LogoutCommand implements Callable<Integer> {

    @ParentCommand
    Dgate root;

    @Override
    public Integer call() {
        GatewayAddress gateway = root.gateway();
        boolean removed = root.credentials().remove(gateway);
        root.context().out().println(removed ? "logged out of " + gateway : "not logged in to " + gateway + "; nothing to do");
        return 0;
    }
}
