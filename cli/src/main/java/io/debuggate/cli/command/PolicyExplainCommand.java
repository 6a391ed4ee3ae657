package io.debuggate.cli.command;

import io.debuggate.cli.DgateException;
import io.debuggate.cli.api.GatewayApi;
import io.debuggate.cli.output.JsonText;
import io.debuggate.cli.output.Printer;
import io.debuggate.cli.output.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

@Command(name = "explain", description = {"Mask a sample text with the gateway's rules and show which rule masked what",
        "(offsets and replacement). The sample goes to the gateway only; it is not logged there.",
        "With --target (and --mode): also the policy overrides that apply to that target."})
public final class PolicyExplainCommand extends PolicySubcommand {

    @Parameters(paramLabel = "TEXT", arity = "0..1", description = "The sample text (or use --file).")
    String text;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read the sample from this file ('-' = standard input).")
    Path file;

    @Option(names = {"-t", "--target"}, paramLabel = "SERVICE/INSTANCE", description = "Also list the overrides for this target.")
    String target;

    @Option(names = {"-m", "--mode"}, description = "With --target: the mode to show as it applies there.")
    String mode;

    @Override
    void run(GatewayApi api, Printer printer) {
        JsonNode answer = api.explainPolicy(sample(), target, mode);
        if (json()) {
            printer.json(answer);
            return;
        }
        out().println("masked: " + JsonText.of(answer, "masked"));
        Table findings = new Table("RULE", "START", "END", "REPLACEMENT");
        for (JsonNode f : answer.path("findings")) {
            findings.row(JsonText.of(f, "rule"), JsonText.of(f, "start"), JsonText.of(f, "end"), JsonText.of(f, "replacement"));
        }
        findings.print(out());
        if (answer.has("overrides")) {
            out().println();
            Table overrides = new Table("OVERRIDE", "LINE", "MATCH", "NARROWS");
            for (JsonNode o : answer.path("overrides")) {
                overrides.row(JsonText.of(o, "index"), JsonText.of(o, "line"), JsonText.of(o, "match"), narrows(o.path("modes")));
            }
            overrides.print(out());
        }
        out().flush();
    }

    /** {@code pprof {pprof.maxSeconds=1}; snapshot {...}}: each mode with what the override takes from it. */
    private static String narrows(JsonNode modes) {
        StringBuilder sb = new StringBuilder();
        for (var e : modes.properties()) {
            sb.append(sb.isEmpty() ? "" : "; ").append(e.getKey()).append(' ').append(e.getValue().asString());
        }
        return sb.isEmpty() ? JsonText.MISSING : sb.toString();
    }

    private String sample() {
        if ((text == null) == (file == null)) {
            throw new DgateException("give the sample either as TEXT or with --file FILE (not both, not neither), "
                    + "e.g. dgate policy explain 'call 13812345678'");
        }
        if (mode != null && target == null) {
            throw new DgateException("--mode needs --target: overrides depend on the target, e.g. --target payment-svc/demo-0");
        }
        if (text != null) {
            return text;
        }
        try {
            byte[] bytes = file.toString().equals("-") ? policy.root.context().in().readAllBytes() : Files.readAllBytes(file);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DgateException("cannot read the sample " + file + " (" + e.getMessage() + "); check the path", e);
        }
    }
}
