package io.debuggate.agent.dlv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one output stream of dlv on a virtual thread: logs each line as a structured event,
 * hands it to a watcher and keeps the last lines for error messages. dlv prints its own
 * diagnostics here, not the target's memory, so lines are logged as they are.
 */
final class DlvOutputLog {

    private static final Logger log = LoggerFactory.getLogger("io.debuggate.agent.dlv.output");
    private static final int TAIL_LINES = 20;

    private final Deque<String> tail = new ArrayDeque<>();
    private final Thread thread;

    private DlvOutputLog(Process process, InputStream stream, String name, Consumer<String> watcher) {
        // a platform thread, as for every pipe reader (ProcessStderr says why)
        this.thread = Thread.ofPlatform().daemon().name("dlv-" + name + "-" + process.pid()).start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    remember(line);
                    if (name.equals("stderr")) {
                        log.warn("dlv output dlvPid={} stream={} line=\"{}\"", process.pid(), name, line);
                    } else {
                        log.info("dlv output dlvPid={} stream={} line=\"{}\"", process.pid(), name, line);
                    }
                    watcher.accept(line);
                }
            } catch (IOException e) {
                log.debug("dlv output ended dlvPid={} stream={} error={}", process.pid(), name, e.toString());
            }
        });
    }

    static DlvOutputLog follow(Process process, InputStream stream, String name, Consumer<String> watcher) {
        return new DlvOutputLog(process, stream, name, watcher);
    }

    private synchronized void remember(String line) {
        if (tail.size() == TAIL_LINES) {
            tail.removeFirst();
        }
        tail.addLast(line);
    }

    synchronized String tail() {
        return tail.isEmpty() ? "(nothing)" : String.join(" | ", tail);
    }

    /** Waits briefly for the stream to end so an exit message sees dlv's last words. */
    void awaitEnd() {
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
