package io.debuggate.agent.dlv;

import java.nio.file.Path;
import java.util.List;

/**
 * The argv of the only dlv the agent runs: {@code dlv attach <pid> --headless
 * --accept-multiclient --api-version=2 --listen=127.0.0.1:0}. Any other subcommand is refused:
 * {@code exec}, {@code debug} and {@code test} launch the program under dlv, and then every
 * Detach, SIGTERM or dropped single client kills it (debug-protocols §4.1). Attach only.
 */
public record DlvCommandLine(List<String> argv) {

    /** Port 0: dlv picks a free port and prints it, so there is no race for a "free" port. */
    static final String LISTEN = "--listen=127.0.0.1:0";

    public DlvCommandLine {
        argv = List.copyOf(argv);
        if (argv.size() < 3) {
            throw new IllegalArgumentException("dlv command line " + argv + " is too short: expected dlv attach <pid> ...");
        }
        if (!"attach".equals(argv.get(1))) {
            throw new IllegalArgumentException("dlv subcommand \"" + argv.get(1) + "\" refused: the agent only attaches"
                    + " to running processes, because a process launched by dlv is killed when dlv detaches");
        }
        if (!argv.get(2).matches("[1-9][0-9]*")) {
            throw new IllegalArgumentException("dlv attach needs a numeric pid, got \"" + argv.get(2) + "\"");
        }
        for (String required : List.of("--headless", "--accept-multiclient", "--api-version=2")) {
            if (!argv.contains(required)) {
                throw new IllegalArgumentException("dlv command line " + argv + " lacks " + required);
            }
        }
        List<String> listens = argv.stream().filter(a -> a.startsWith("--listen=") || a.equals("-l") || a.equals("--listen")).toList();
        if (!listens.equals(List.of(LISTEN))) {
            throw new IllegalArgumentException("dlv must listen on loopback only (" + LISTEN + "), got " + listens
                    + ": its API is an unauthenticated remote-code-execution port");
        }
    }

    public static DlvCommandLine attach(Path dlv, long pid) {
        return new DlvCommandLine(List.of(dlv.toString(), "attach", Long.toString(pid), "--headless",
                "--accept-multiclient", "--api-version=2", LISTEN));
    }
}
