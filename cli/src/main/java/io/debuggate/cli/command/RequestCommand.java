package io.debuggate.cli.command;

import io.debuggate.cli.api.GatewayApi;
import io.debuggate.cli.output.Printer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code dgate request}: every field of the request form as a flag. Only the shape is checked
 * here (target spelling, numbers); the gateway owns the vocabulary and the rules and answers with
 * every problem at once.
 */
@Command(name = "request", description = "Ask for a debug session; two approvers (dev lead and ops lead) must sign it.",
        footer = {"", "Example:",
                "  dgate request --target payment-svc/demo-0 --tool pprof \\",
                "    --profile heap,goroutine --mode pprof \\",
                "    --reason 'memory grows 50 MB/h since 14:00' --ticket INC-4711 \\",
                "    --scope 'read-only profiles' --rollback 'dgate revoke ID' \\",
                "    --impact 'none expected' --impact-minutes 5 \\",
                "    --check 'p99 latency dashboard' --duration 30"})
public final class RequestCommand extends GatewayCommand {

    static final Pattern TARGET = Pattern.compile("([a-z0-9][a-z0-9._-]{0,62})/([a-z0-9][a-z0-9._-]{0,62})");

    @Spec
    CommandSpec spec;

    @Option(names = {"-t", "--target"}, required = true, paramLabel = "SERVICE/INSTANCE",
            description = "The target, e.g. payment-svc/demo-0 (see dgate targets).")
    String target;

    @Option(names = "--tool", required = true, split = ",", paramLabel = "TOOL",
            description = "dlv, dap and/or pprof; repeat or separate with commas.")
    List<String> tools = new ArrayList<>();

    @Option(names = "--profile", split = ",", paramLabel = "NAME",
            description = "pprof profiles wanted (heap, goroutine, profile, block, mutex, allocs, threadcreate, trace).")
    List<String> profiles = new ArrayList<>();

    @Option(names = {"-m", "--mode"}, required = true, description = "pprof, snapshot or interactive.")
    String mode;

    @Option(names = "--reason", required = true, description = "Why the session is needed.")
    String reason;

    @Option(names = "--ticket", description = "Incident or change ticket, e.g. INC-4711.")
    @Nullable String ticket;

    @Option(names = "--scope", paramLabel = "TEXT", description = "What may be touched (change scope).")
    @Nullable String changeScope;

    @Option(names = "--rollback", paramLabel = "TEXT", description = "How to undo any impact.")
    @Nullable String rollbackSteps;

    @Option(names = "--impact", paramLabel = "TEXT", description = "What users may notice.")
    @Nullable String expectedImpact;

    @Option(names = "--impact-minutes", paramLabel = "MINUTES", description = "How long that impact may last.")
    @Nullable Integer expectedImpactMinutes;

    @Option(names = "--check", paramLabel = "TEXT", description = "A dashboard or alert to watch meanwhile; repeatable.")
    List<String> monitoringChecks = new ArrayList<>();

    @Option(names = "--duration", paramLabel = "MINUTES", description = "How long the grant should last (default: the gateway's).")
    @Nullable Integer requestedDurationMinutes;

    @Override
    void run(GatewayApi api, Printer printer) {
        ObjectNode draft = draft();
        printer.request(api.createRequest(draft));
    }

    /** The request body; throws a usage error that names the flag when the shape is wrong. */
    ObjectNode draft() {
        var matcher = TARGET.matcher(target);
        if (!matcher.matches()) {
            throw usage("--target '" + target + "' must be SERVICE/INSTANCE in lower case, e.g. payment-svc/demo-0 (see dgate targets)");
        }
        if (expectedImpactMinutes != null && expectedImpactMinutes < 0) {
            throw usage("--impact-minutes " + expectedImpactMinutes + " is negative: give 0 or more minutes");
        }
        if (requestedDurationMinutes != null && requestedDurationMinutes < 1) {
            throw usage("--duration " + requestedDurationMinutes + " must be at least 1 minute");
        }
        if (reason.isBlank()) {
            throw usage("--reason is empty: say why the session is needed");
        }
        ObjectNode draft = JsonMapper.builder().build().createObjectNode();
        draft.put("targetService", matcher.group(1));
        draft.put("targetInstance", matcher.group(2));
        ArrayNode toolArray = draft.putArray("tools");
        tools.stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty()).distinct().forEach(toolArray::add);
        if (toolArray.isEmpty()) {
            throw usage("--tool is empty: name dlv, dap and/or pprof");
        }
        ArrayNode profileArray = draft.putArray("pprofProfiles");
        profiles.stream().map(p -> p.strip().toLowerCase(Locale.ROOT)).filter(p -> !p.isEmpty()).distinct().forEach(profileArray::add);
        draft.put("mode", mode.strip().toLowerCase(Locale.ROOT));
        draft.put("reason", reason);
        putIfPresent(draft, "ticket", ticket);
        putIfPresent(draft, "changeScope", changeScope);
        putIfPresent(draft, "rollbackSteps", rollbackSteps);
        putIfPresent(draft, "expectedImpact", expectedImpact);
        if (expectedImpactMinutes != null) {
            draft.put("expectedImpactMinutes", expectedImpactMinutes.intValue());
        }
        ArrayNode checks = draft.putArray("monitoringChecks");
        monitoringChecks.forEach(checks::add);
        if (requestedDurationMinutes != null) {
            draft.put("requestedDurationMinutes", requestedDurationMinutes.intValue());
        }
        return draft;
    }

    private static void putIfPresent(ObjectNode node, String field, @Nullable String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
