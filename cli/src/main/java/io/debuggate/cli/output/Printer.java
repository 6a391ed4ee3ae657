package io.debuggate.cli.output;

import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Prints the gateway's answers in the chosen {@link OutputFormat}. */
public final class Printer {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    /** Shown first and in this order by {@code show}; any other field follows, so nothing new is hidden. */
    private static final List<String> REQUEST_FIELDS = List.of("id", "state", "requester", "targetService", "targetInstance",
            "tools", "pprofProfiles", "mode", "reason", "ticket", "changeScope", "rollbackSteps", "expectedImpact",
            "expectedImpactMinutes", "monitoringChecks", "requestedDurationMinutes", "createdAt", "approvalDeadline",
            "grantStart", "grantEnd", "contentHash");

    private final PrintWriter out;
    private final OutputFormat format;

    public Printer(PrintWriter out, OutputFormat format) {
        this.out = out;
        this.format = format;
    }

    public void json(JsonNode node) {
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        out.flush();
    }

    public void whoami(JsonNode whoami) {
        if (format == OutputFormat.JSON) {
            json(whoami);
            return;
        }
        new Table("USER", "GROUPS").row(JsonText.of(whoami, "username"), JsonText.of(whoami, "groups")).print(out);
    }

    /** The kill switch's report: each target, how many sessions were cut, how it is left. */
    public void killReport(JsonNode report) {
        if (format == OutputFormat.JSON) {
            json(report);
            return;
        }
        Table table = new Table("TARGET", "SESSIONS CUT", "RUNNING", "DEBUGGER ATTACHED", "PROBLEM");
        for (JsonNode t : report.path("targets")) {
            table.row(JsonText.of(t, "target"), JsonText.of(t, "sessionsCut"), JsonText.of(t, "running"),
                    JsonText.of(t, "debuggerAttached"), JsonText.of(t, "problem"));
        }
        table.print(out);
    }

    /** Snapshot captures, one line each; {@code --output json} has the masked stacks. */
    public void captures(JsonNode captures) {
        if (format == OutputFormat.JSON) {
            json(captures);
            return;
        }
        Table table = new Table("AT", "BREAKPOINT", "HIT", "GOROUTINE", "LOCATION");
        for (JsonNode c : captures.path("captures")) {
            table.row(JsonText.of(c, "at"), JsonText.of(c, "breakpointId"), JsonText.of(c, "hit"), JsonText.of(c, "goroutineId"),
                    JsonText.of(c, "function") + " " + JsonText.of(c, "file") + ":" + JsonText.of(c, "line"));
        }
        table.print(out);
    }

    public void targets(JsonNode targets) {
        if (format == OutputFormat.JSON) {
            json(targets);
            return;
        }
        Table table = new Table("NAME", "SERVICE", "INSTANCE", "AGENT");
        for (JsonNode t : targets) {
            table.row(JsonText.of(t, "name"), JsonText.of(t, "service"), JsonText.of(t, "instance"), JsonText.of(t, "agentId"));
        }
        table.print(out);
    }

    public void requests(JsonNode requests) {
        if (format == OutputFormat.JSON) {
            json(requests);
            return;
        }
        if (requests.isEmpty()) {
            out.println("no requests");
            out.flush();
            return;
        }
        Table table = new Table("ID", "STATE", "REQUESTER", "TARGET", "TOOLS", "MODE", "CREATED", "GRANT END");
        for (JsonNode r : requests) {
            table.row(JsonText.of(r, "id"), JsonText.of(r, "state"), JsonText.of(r, "requester"), JsonText.target(r),
                    JsonText.of(r, "tools"), JsonText.of(r, "mode"), JsonText.of(r, "createdAt"), JsonText.of(r, "grantEnd"));
        }
        table.print(out);
    }

    public void request(JsonNode request) {
        if (format == OutputFormat.JSON) {
            json(request);
            return;
        }
        Set<String> order = new LinkedHashSet<>(REQUEST_FIELDS);
        for (Map.Entry<String, JsonNode> field : request.properties()) {
            order.add(field.getKey());
        }
        order.remove("signatures");
        order.removeIf(field -> !request.has(field));
        int width = Math.max(order.stream().mapToInt(String::length).max().orElse(0), "signatures".length()) + 1;
        for (String field : order) {
            out.println(pad(field + ":", width) + " " + JsonText.of(request, field));
        }
        JsonNode signatures = request.get("signatures");
        out.println((pad("signatures:", width) + (signatures == null || signatures.isEmpty() ? " none yet" : "")).stripTrailing());
        if (signatures != null) {
            for (JsonNode s : signatures) {
                String decision = s.has("decision") ? " " + JsonText.of(s, "decision") : "";
                String comment = JsonText.of(s, "comment");
                out.println("  - " + JsonText.of(s, "signer") + " (" + JsonText.of(s, "group") + ")" + decision
                        + " at " + JsonText.of(s, "signedAt") + (comment.equals(JsonText.MISSING) ? "" : ": " + comment));
            }
        }
        out.flush();
    }

    /** After an action: one line for people ("approved dr-1: state PARTIALLY_SIGNED"), the request for scripts. */
    public void outcome(String done, String id, JsonNode request) {
        if (format == OutputFormat.JSON) {
            json(request);
            return;
        }
        String state = JsonText.of(request, "state");
        out.println(done + " " + id + (state.equals(JsonText.MISSING) ? "" : ": state " + state));
        out.flush();
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
