package io.debuggate.agent.target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The lines of {@code /proc/<pid>/status} that matter to a debugger: the scheduler state
 * ({@code S (sleeping)}, {@code t (tracing stop)}, …), the thread group and {@code TracerPid}
 * (0 = not traced). {@code TracerPid} names the tracing <em>thread</em>; for a Go tracer such as
 * dlv that is usually not its main thread, so compare processes with {@link #tracerProcessId()}.
 *
 * @param tgid the process this task belongs to (equals {@code pid} for a main thread)
 */
public record ProcStatus(long pid, String state, long tgid, long tracerPid) {

    public static Optional<ProcStatus> read(long pid) {
        return read(pid, Path.of("/proc", Long.toString(pid), "status"));
    }

    static Optional<ProcStatus> read(long pid, Path statusFile) {
        String text;
        try {
            text = Files.readString(statusFile);
        } catch (IOException e) {
            return Optional.empty();
        }
        String state = "?";
        long tgid = pid;
        long tracer = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("State:")) {
                state = line.substring("State:".length()).strip();
            } else if (line.startsWith("Tgid:")) {
                tgid = Long.parseLong(line.substring("Tgid:".length()).strip());
            } else if (line.startsWith("TracerPid:")) {
                tracer = Long.parseLong(line.substring("TracerPid:".length()).strip());
            }
        }
        return Optional.of(new ProcStatus(pid, state, tgid, tracer));
    }

    /** The process (thread group) tracing this one, or 0 when not traced. */
    public long tracerProcessId() {
        if (tracerPid == 0) {
            return 0;
        }
        return read(tracerPid).map(ProcStatus::tgid).orElse(tracerPid);
    }

    public boolean traced() {
        return tracerPid != 0;
    }

    /** {@code T} (stopped by a signal) or {@code t} (stopped by a tracer): not serving. */
    public boolean stopped() {
        return state.startsWith("T") || state.startsWith("t");
    }
}
