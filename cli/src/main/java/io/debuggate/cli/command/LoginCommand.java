package io.debuggate.cli.command;

import io.debuggate.cli.CliContext;
import io.debuggate.cli.DgateException;
import io.debuggate.cli.Dgate;
import io.debuggate.cli.api.TokenExpiry;
import io.debuggate.cli.auth.DeviceAuthorization;
import io.debuggate.cli.auth.DeviceLogin;
import io.debuggate.cli.auth.IssuerEndpoints;
import io.debuggate.cli.auth.JwtClaims;
import io.debuggate.cli.auth.PasswordLogin;
import io.debuggate.cli.auth.TokenResponse;
import io.debuggate.cli.config.GatewayAddress;
import io.debuggate.cli.config.StoredCredentials;
import io.debuggate.cli.output.JsonText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code dgate login}: the device flow by default (works with any issuer and any browser, also on
 * a remote shell), or {@code --user} with a password from stdin or {@code DGATE_PASSWORD} for the
 * embedded issuer's demo users in scripts. Passwords are never taken as an argument: they would
 * land in the shell history and in {@code ps}.
 */
@Command(name = "login", description = "Log in to the gateway (OAuth2 device flow; --user for demo users and scripts).")
public final class LoginCommand implements Callable<Integer> {

    static final String DEMO_REDIRECT_URI = "http://127.0.0.1/callback";

    @ParentCommand
    Dgate root;

    @Spec
    CommandSpec spec;

    @Option(names = {"-u", "--user"}, description = "Log in as this user of the embedded issuer without a browser "
            + "(password from --password-stdin or DGATE_PASSWORD).")
    @Nullable String user;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean passwordStdin;

    @Option(names = "--issuer", paramLabel = "URL", description = "An external OIDC issuer to use for the device flow "
            + "(default: the gateway's embedded issuer).")
    @Nullable String issuer;

    @Option(names = "--client-id", paramLabel = "ID", defaultValue = IssuerEndpoints.DEFAULT_CLIENT_ID,
            description = "OAuth2 client id of the CLI (default: ${DEFAULT-VALUE}).")
    String clientId = IssuerEndpoints.DEFAULT_CLIENT_ID;

    @Override
    public Integer call() {
        GatewayAddress gateway = root.gateway();
        CliContext context = root.context();
        IssuerEndpoints endpoints;
        TokenResponse token;
        if (user != null) {
            if (issuer != null) {
                throw usage("--user logs in through the gateway's embedded issuer only; for --issuer leave out --user and use the device flow");
            }
            String password = password(context);
            endpoints = withClient(IssuerEndpoints.embedded(gateway.uri()));
            token = new PasswordLogin(gateway.uri(), clientId, DEMO_REDIRECT_URI).login(user, password);
        } else {
            if (passwordStdin) {
                throw usage("--password-stdin needs --user: the device flow asks for the password in the browser");
            }
            endpoints = issuer != null
                    ? IssuerEndpoints.discover(root.http(), URI.create(issuer), clientId)
                    : withClient(IssuerEndpoints.embedded(gateway.uri()));
            token = deviceFlow(endpoints, context.err());
        }
        String provisional = user != null ? user : JwtClaims.subject(token.accessToken()).orElse("unknown");
        root.credentials().save(gateway, new StoredCredentials(provisional, token.accessToken(), token.refreshToken(),
                TokenExpiry.of(token, context.clock()), endpoints.token().toString(), endpoints.clientId()));
        JsonNode whoami;
        try {
            whoami = root.api().whoami();
        } catch (DgateException e) {
            root.credentials().remove(gateway);
            throw new DgateException("the issuer signed you in, but the gateway did not accept the token: " + e.getMessage(), e);
        }
        String username = JsonText.of(whoami, "username");
        root.credentials().save(gateway, root.credentials().load(gateway).map(c -> new StoredCredentials(username,
                c.accessToken(), c.refreshToken(), c.expiresAt(), c.tokenEndpoint(), c.clientId())).orElseThrow());
        context.out().println("logged in to " + gateway + " as " + username + " (groups: " + JsonText.of(whoami, "groups") + ")");
        return 0;
    }

    private TokenResponse deviceFlow(IssuerEndpoints endpoints, PrintWriter err) {
        DeviceLogin login = new DeviceLogin(root.http(), endpoints, root.context().clock(), root.sleeper());
        DeviceAuthorization authorization = login.start();
        err.println("To sign in, open " + authorization.verificationUri() + " in a browser and enter the code: " + authorization.userCode());
        if (authorization.verificationUriComplete() != null) {
            err.println("(or open " + authorization.verificationUriComplete() + ")");
        }
        err.println("Waiting for the sign-in; the code expires in " + authorization.expiresIn().toMinutes() + " min...");
        err.flush();
        return login.await(authorization);
    }

    private IssuerEndpoints withClient(IssuerEndpoints endpoints) {
        return new IssuerEndpoints(endpoints.deviceAuthorization(), endpoints.token(), clientId);
    }

    private String password(CliContext context) {
        if (passwordStdin) {
            try {
                String line = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8)).readLine();
                if (line == null || line.isEmpty()) {
                    throw usage("--password-stdin read nothing: pipe the password in, e.g. printf %s \"$PW\" | dgate login --user "
                            + user + " --password-stdin");
                }
                return line;
            } catch (IOException e) {
                throw new DgateException("cannot read the password from standard input: " + e.getMessage(), e);
            }
        }
        String fromEnv = context.env(CliContext.ENV_PASSWORD);
        if (fromEnv == null) {
            throw usage("--user " + user + " needs a password: pipe it with --password-stdin or set DGATE_PASSWORD");
        }
        return fromEnv;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
