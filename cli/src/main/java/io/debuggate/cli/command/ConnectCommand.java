package io.debuggate.cli.command;

import io.debuggate.cli.DgateException;
import io.debuggate.cli.Dgate;
import io.debuggate.cli.api.AccessTokens;
import io.debuggate.cli.api.GatewayApi;
import io.debuggate.cli.connect.ConnectSession;
import io.debuggate.cli.connect.LocalEndpoint;
import io.debuggate.cli.connect.SessionRoutes;
import io.debuggate.cli.connect.Tool;
import io.debuggate.cli.output.JsonText;
import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code dgate connect ID}: local ports for the granted tools, until Ctrl-C. */
@Command(name = "connect", description = "Open local ports (127.0.0.1) for the tools of a granted request; runs until Ctrl-C.")
public final class ConnectCommand implements Callable<Integer> {

    static final String GRANTED = "GRANTED";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    @ParentCommand
    Dgate root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The granted request's id.")
    String id;

    @Option(names = "--pprof-port", paramLabel = "PORT", description = "Local port for go tool pprof (default: a free port).")
    @Nullable Integer pprofPort;

    @Option(names = "--dlv-port", paramLabel = "PORT", description = "Local port for dlv connect (default: a free port).")
    @Nullable Integer dlvPort;

    @Option(names = "--dap-port", paramLabel = "PORT", description = "Local port for a DAP client (default: a free port).")
    @Nullable Integer dapPort;

    @Override
    public Integer call() {
        Map<Tool, Integer> requestedPorts = requestedPorts();
        GatewayApi api = root.api();
        JsonNode request = api.request(GatewayApi.checkedId(id));
        Map<Tool, Integer> ports = portsFor(request, requestedPorts);
        PrintWriter out = root.context().out();
        AccessTokens tokens = api.tokens();
        try (ConnectSession session = ConnectSession.open(ports, root.http(), new SessionRoutes(tokens.gateway(), id), tokens, events())) {
            out.println("connected to " + id + " (" + JsonText.target(request) + ", mode " + JsonText.of(request, "mode")
                    + ", grant ends " + JsonText.of(request, "grantEnd") + ")");
            for (LocalEndpoint endpoint : session.endpoints()) {
                out.println(String.format("%-6s 127.0.0.1:%d", endpoint.tool().wireName(), endpoint.port()));
                endpoint.usage().forEach(line -> out.println("    " + line));
            }
            out.println("Press Ctrl-C to close the ports.");
            out.flush();
            awaitCtrlC(session);
        }
        return 0;
    }

    private Map<Tool, Integer> requestedPorts() {
        Map<Tool, Integer> ports = new EnumMap<>(Tool.class);
        putPort(ports, Tool.PPROF, pprofPort);
        putPort(ports, Tool.DLV, dlvPort);
        putPort(ports, Tool.DAP, dapPort);
        return ports;
    }

    private void putPort(Map<Tool, Integer> ports, Tool tool, @Nullable Integer port) {
        if (port == null) {
            return;
        }
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--" + tool.wireName() + "-port " + port
                    + " is not a TCP port: give 1-65535, or 0 / nothing for a free port");
        }
        ports.put(tool, port);
    }

    /** One port per granted tool: the requested one or 0 (free). A port for a tool the grant lacks is an error. */
    static Map<Tool, Integer> portsFor(JsonNode request, Map<Tool, Integer> requested) {
        String id = JsonText.of(request, "id");
        String state = JsonText.of(request, "state");
        if (!state.equals(JsonText.MISSING) && !state.equals(GRANTED)) {
            throw new DgateException("request " + id + " is " + state + ", not " + GRANTED
                    + ": ports open only for a granted request (see dgate show " + id + ")");
        }
        Set<Tool> granted = EnumSet.noneOf(Tool.class);
        JsonNode tools = request.get("tools");
        if (tools != null && tools.isArray()) {
            for (JsonNode tool : tools) {
                if (tool.isString()) {
                    Tool.fromWire(tool.asString()).ifPresent(granted::add);
                }
            }
        }
        for (Tool tool : requested.keySet()) {
            if (!granted.contains(tool)) {
                throw new DgateException("request " + id + " does not grant " + tool.wireName() + " (it grants "
                        + JsonText.render(tools) + "): drop --" + tool.wireName() + "-port or request that tool");
            }
        }
        if (granted.isEmpty()) {
            throw new DgateException("request " + id + " grants no tool dgate can connect (tools: " + JsonText.render(tools) + ")");
        }
        Map<Tool, Integer> ports = new EnumMap<>(Tool.class);
        granted.forEach(tool -> ports.put(tool, requested.getOrDefault(tool, 0)));
        return ports;
    }

    private Consumer<String> events() {
        PrintWriter err = root.context().err();
        ZoneId zone = ZoneId.systemDefault();
        return message -> {
            synchronized (err) {
                err.println("[" + LocalTime.now(root.context().clock().withZone(zone)).format(TIME) + "] " + message);
                err.flush();
            }
        };
    }

    /** Blocks until Ctrl-C (shutdown hook) or until this thread is interrupted (tests, embedding). */
    private static void awaitCtrlC(ConnectSession session) {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            session.close();
            stopped.countDown();
        }, "dgate-connect-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running
            }
        }
    }
}
