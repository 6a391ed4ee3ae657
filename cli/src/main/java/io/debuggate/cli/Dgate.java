package io.debuggate.cli;

import io.debuggate.cli.api.AccessTokens;
import io.debuggate.cli.api.GatewayApi;
import io.debuggate.cli.auth.LoginFailedException;
import io.debuggate.cli.auth.Sleeper;
import io.debuggate.cli.auth.TokenRefresher;
import io.debuggate.cli.command.ApproveCommand;
import io.debuggate.cli.command.CancelCommand;
import io.debuggate.cli.command.CapturesCommand;
import io.debuggate.cli.command.ConnectCommand;
import io.debuggate.cli.command.KillCommand;
import io.debuggate.cli.command.LoginCommand;
import io.debuggate.cli.command.LogoutCommand;
import io.debuggate.cli.command.PolicyCommand;
import io.debuggate.cli.command.RejectCommand;
import io.debuggate.cli.command.RequestCommand;
import io.debuggate.cli.command.RequestsCommand;
import io.debuggate.cli.command.RevokeCommand;
import io.debuggate.cli.command.ShowCommand;
import io.debuggate.cli.command.TargetsCommand;
import io.debuggate.cli.command.WhoamiCommand;
import io.debuggate.cli.config.CredentialStore;
import io.debuggate.cli.config.GatewayAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code dgate}: the root command; holds the global options and hands out the shared services. */
@Command(name = "dgate", mixinStandardHelpOptions = true, version = "dgate 0.1.0", scope = ScopeType.INHERIT,
        description = "Request, approve and use governed debug sessions (dlv, DAP, pprof) through a debuggate gateway.",
        subcommands = {LoginCommand.class, LogoutCommand.class, WhoamiCommand.class, TargetsCommand.class,
                RequestCommand.class, RequestsCommand.class, ShowCommand.class, ApproveCommand.class,
                RejectCommand.class, RevokeCommand.class, CancelCommand.class, ConnectCommand.class, CapturesCommand.class,
                KillCommand.class, PolicyCommand.class},
        footer = {"", "Exit status: 0 success, 1 failure (refused, not logged in, unreachable), 2 bad usage.",
                "Environment: DGATE_GATEWAY, DGATE_CONFIG_DIR (default ~/.config/dgate), DGATE_PASSWORD."})
public final class Dgate implements Runnable {

    public static final int FAILED = 1;

    @Option(names = "--gateway", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Gateway base URL (default: $DGATE_GATEWAY, else " + GatewayAddress.DEFAULT + ").")
    private @Nullable String gatewayOption;

    @CommandLine.Spec
    private CommandLine.Model.@Nullable CommandSpec spec;

    private final CliContext context;
    private final Sleeper sleeper;
    private @Nullable HttpClient http;

    public Dgate(CliContext context, Sleeper sleeper) {
        this.context = context;
        this.sleeper = sleeper;
    }

    public static void main(String[] args) {
        System.exit(run(CliContext.system(), Sleeper.real(), args));
    }

    /** Runs one command line; returns the exit status instead of exiting, for tests and embedding. */
    public static int run(CliContext context, Sleeper sleeper, String... args) {
        CommandLine commandLine = new CommandLine(new Dgate(context, sleeper));
        commandLine.setOut(context.out());
        commandLine.setErr(context.err());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setUsageHelpWidth(100);
        // A usage error gets one line and a pointer to --help, not the whole manual.
        commandLine.setParameterExceptionHandler((e, ignoredArgs) -> {
            CommandLine failed = e.getCommandLine();
            context.err().println("dgate: " + e.getMessage());
            context.err().println("Run '" + failed.getCommandSpec().qualifiedName() + " --help' for usage.");
            context.err().flush();
            return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof DgateException || e instanceof LoginFailedException) {
                context.err().println("dgate: " + e.getMessage());
            } else {
                context.err().println("dgate: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()
                        + " (set DGATE_DEBUG=1 for details)");
                if (context.env("DGATE_DEBUG") != null) {
                    e.printStackTrace(context.err());
                }
            }
            context.err().flush();
            return FAILED;
        });
        int status = commandLine.execute(args);
        context.out().flush();
        context.err().flush();
        return status;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(Objects.requireNonNull(spec).commandLine(),
                "missing command: try dgate login, dgate request --help or dgate --help");
    }

    public CliContext context() {
        return context;
    }

    public Sleeper sleeper() {
        return sleeper;
    }

    /** --gateway, else $DGATE_GATEWAY, else the default. */
    public GatewayAddress gateway() {
        String chosen = gatewayOption != null ? gatewayOption : context.env(CliContext.ENV_GATEWAY);
        return GatewayAddress.parse(chosen != null ? chosen : GatewayAddress.DEFAULT);
    }

    public synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        return http;
    }

    public CredentialStore credentials() {
        return new CredentialStore(context.configDir());
    }

    public AccessTokens tokens() {
        return new AccessTokens(gateway(), credentials(), new TokenRefresher(http()), context.clock());
    }

    public GatewayApi api() {
        return new GatewayApi(http(), tokens());
    }
}
