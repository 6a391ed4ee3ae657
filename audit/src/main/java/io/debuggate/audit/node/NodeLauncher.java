package io.debuggate.audit.node;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts Elasticsearch under a small shell watchdog. The watchdog holds the read end of a pipe
 * whose write end only this JVM holds: if this JVM dies for any reason — even SIGKILL, where no
 * shutdown hook runs — the pipe closes and the watchdog stops the node, so no orphan keeps
 * 770 MB and the ports. The script avoids writing to {@code /dev/null}: it is not always a device
 * the unprivileged user may open for writing.
 */
final class NodeLauncher {

    static final String PID_FILE = "logs/elasticsearch.pid";
    static final String CONSOLE_LOG = "logs/console.log";

    private static final String WATCHDOG = """
            pidfile="$1"; shift
            exec 3<&0
            "$@" 3<&- &
            launcher=$!
            ( while read -r _ <&3; do :; done
              if [ -s "$pidfile" ]; then kill -TERM "$(cat "$pidfile")" 2>&-; fi ) &
            watcher=$!
            exec 3<&-
            wait "$launcher"
            status=$?
            kill "$watcher" 2>&-
            exit "$status"
            """;

    private NodeLauncher() {
    }

    /** A running launch: the watchdog process and the pipe that keeps it alive. */
    record Launch(Process watchdog, OutputStream lifeline) {
        void release() {
            try {
                lifeline.close();
            } catch (IOException ignored) {
                // the watchdog is gone already
            }
        }
    }

    static Map<String, String> environment(Path home, Path jdk) {
        Map<String, String> environment = new HashMap<>();
        environment.put("ES_JAVA_HOME", jdk.toString());
        environment.put("ES_TMPDIR", home.resolve("tmp").toString());
        environment.put("ES_PATH_CONF", home.resolve("config").toString());
        return environment;
    }

    static Launch launch(Path home, Path jdk, NodeAccount account) throws IOException {
        Path pidFile = home.resolve(PID_FILE);
        Files.deleteIfExists(pidFile);
        Path console = home.resolve(CONSOLE_LOG);
        if (Files.exists(console)) {
            // one run per file, so a failure report shows only this run's output
            Files.move(console, console.resolveSibling("console.previous.log"), StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", WATCHDOG, "debuggate-es-watchdog",
                pidFile.toString(), home.resolve("bin/elasticsearch").toString(), "-p", pidFile.toString(), "-q"));
        ProcessBuilder builder = new ProcessBuilder(account.wrap(command))
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve(CONSOLE_LOG).toFile()));
        Map<String, String> env = builder.environment();
        env.remove("JAVA_HOME");
        env.remove("JAVA_TOOL_OPTIONS");
        env.remove("_JAVA_OPTIONS");
        env.remove("ES_JAVA_OPTS");
        env.putAll(environment(home, jdk));
        Process process = builder.start();
        return new Launch(process, process.getOutputStream());
    }
}
