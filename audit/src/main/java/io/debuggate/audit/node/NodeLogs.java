package io.debuggate.audit.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads what the node wrote and turns the typical start-up failures into a cause and a fix. */
final class NodeLogs {

    private static final int TAIL_LINES = 25;

    private final Path home;
    private final LocalElasticsearchConfig config;

    NodeLogs(LocalElasticsearchConfig config) {
        this.home = config.home();
        this.config = config;
    }

    Path serverLog() {
        return home.resolve("logs").resolve(config.clusterName() + ".log");
    }

    Path consoleLog() {
        return home.resolve(NodeLauncher.CONSOLE_LOG);
    }

    /** Last lines of the server log, followed by the last lines of the launcher's console output. */
    List<String> tail() {
        List<String> lines = new ArrayList<>();
        List<String> server = lastLines(serverLog(), TAIL_LINES);
        List<String> console = lastLines(consoleLog(), 30);
        if (!server.isEmpty()) {
            lines.add("[" + serverLog() + "]");
            lines.addAll(server);
        }
        if (!console.isEmpty()) {
            lines.add("[" + consoleLog() + "]");
            lines.addAll(console);
        }
        return lines;
    }

    /** The most likely cause of a failed start and what to do about it. */
    String diagnose(String what) {
        String text = (String.join("\n", lastLines(serverLog(), 300)) + "\n"
                + String.join("\n", lastLines(consoleLog(), 100))).toLowerCase(Locale.ROOT);
        if (text.contains("bindexception") || text.contains("address already in use")) {
            return what + ": a port is already in use (http " + config.httpPort() + " or transport "
                    + config.transportPort() + "); stop the program holding it (ss -ltnp) or configure other ports";
        }
        if (text.contains("no space left on device") || text.contains("flood stage disk watermark")) {
            return what + ": the disk under " + home + " is full; free space (df -h " + home + ") and start again";
        }
        if (text.contains("can not run elasticsearch as root")) {
            return what + ": Elasticsearch refuses to run as root; run the product as an ordinary user or let it"
                    + " switch to the system user (runuser must be installed)";
        }
        if (text.contains("could not find java") || text.contains("unsupportedclassversionerror")
                || text.contains("the minimum required java version")) {
            return what + ": the JDK given as ES_JAVA_HOME is not usable; configure a JDK 21+ as the node's java home";
        }
        if (text.contains("failed to obtain node locks")) {
            return what + ": another Elasticsearch process uses " + home.resolve("data")
                    + "; stop it (see " + home.resolve(NodeLauncher.PID_FILE) + ") or choose another home";
        }
        if (text.contains("accessdeniedexception") || text.contains("permission denied")) {
            return what + ": Elasticsearch cannot read or write a file under " + home + "; give the folder to the"
                    + " user that runs it (chown -R) or choose another home";
        }
        if (text.contains("outofmemoryerror") || text.contains("cannot allocate memory")
                || text.contains("insufficient memory")) {
            return what + ": not enough memory for a " + config.heapMegabytes() + " MB heap; free memory or"
                    + " lower the heap";
        }
        return what + ": see the log lines below (" + serverLog() + ")";
    }

    static List<String> lastLines(Path file, int count) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            long size = Files.size(file);
            long from = Math.max(0, size - 64 * 1024);
            byte[] bytes;
            try (var channel = Files.newByteChannel(file)) {
                channel.position(from);
                bytes = new byte[(int) (size - from)];
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                    // keep reading
                }
            }
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return lines.subList(Math.max(0, lines.size() - count), lines.size());
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }
}
