package io.debuggate.agent.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs a child's stderr line by line and keeps the last lines for error messages. */
final class ProcessStderr {

    private static final Logger log = LoggerFactory.getLogger(ProcessStderr.class);
    private static final int TAIL_LINES = 10;

    private final Deque<String> tail = new ArrayDeque<>();
    private final Thread reader;

    private ProcessStderr(Process process, String name) {
        // A platform thread: a read of a child's pipe holds its carrier, and two such readers
        // starved every virtual thread of a 2-core JVM (agent and gateway in one process in tests).
        this.reader = Thread.ofPlatform().daemon().name(name + "-stderr-" + process.pid()).start(() -> {
            try (BufferedReader lines = process.errorReader(StandardCharsets.UTF_8)) {
                for (String line; (line = lines.readLine()) != null; ) {
                    log.info("{} pid={} stderr=\"{}\"", name, process.pid(), line);
                    remember(line);
                }
            } catch (IOException | UncheckedIOException e) {
                log.debug("{} stderr ended pid={} error={}", name, process.pid(), e.toString());
            }
        });
    }

    static ProcessStderr follow(Process process, String name) {
        return new ProcessStderr(process, name);
    }

    /** The last lines, after waiting briefly for the rest of the output of a process that has exited. */
    String tail() {
        try {
            reader.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (tail) {
            return tail.isEmpty() ? "(nothing)" : String.join(" | ", tail);
        }
    }

    private void remember(String line) {
        synchronized (tail) {
            if (tail.size() == TAIL_LINES) {
                tail.removeFirst();
            }
            tail.addLast(line);
        }
    }
}
