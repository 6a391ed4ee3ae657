package io.debuggate.cli.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real Go toolchain for tests: builds the pprof demo program once per run and runs
 * {@code go tool pprof}. A missing {@code go} fails the test with the install command.
 */
public final class GoTools {

    public record ProcessResult(int exitCode, String output) {
    }

    private static Path builtDemo;

    private GoTools() {
    }

    public static Path dlv() {
        return onPath("dlv", "dlv not found on PATH: apt-get install -y delve (the tunnel test runs the real dlv connect)");
    }

    public static Path go() {
        return onPath("go", "go not found on PATH: apt-get install -y golang-go (the pprof tests run the real go tool pprof)");
    }

    private static Path onPath(String name, String fix) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin:/usr/local/go/bin" : path + ":/usr/local/go/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(fix);
    }

    /** Builds {@code src/test/resources/pprofdemo/main.go} into target/go-build once. */
    public static synchronized Path pprofDemo() throws IOException, InterruptedException {
        if (builtDemo != null) {
            return builtDemo;
        }
        Path source;
        try {
            source = Path.of(GoTools.class.getResource("/pprofdemo/main.go").toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new AssertionError("test resource pprofdemo/main.go is missing", e);
        }
        Path out = Path.of("target", "go-build").toAbsolutePath();
        Files.createDirectories(out);
        Path binary = out.resolve("pprofdemo");
        ProcessResult build = run(List.of(go().toString(), "build", "-o", binary.toString(), source.toString()),
                source.getParent(), Map.of(), 180);
        if (build.exitCode() != 0) {
            throw new AssertionError("go build of the pprof demo failed (" + build.exitCode() + "):\n" + build.output());
        }
        builtDemo = binary;
        return binary;
    }

    public static ProcessResult pprof(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(go().toString(), "tool", "pprof"));
        command.addAll(List.of(args));
        return run(command, workDir, Map.of("PPROF_TMPDIR", workDir.toString(), "PPROF_NO_BROWSER", "1"), 120);
    }

    public static ProcessResult run(List<String> command, Path workDir, Map<String, String> env, int timeoutSeconds)
            throws IOException, InterruptedException {
        return run(command, workDir, env, timeoutSeconds, "");
    }

    /** Runs {@code command} with {@code stdin} as its whole standard input (scripted sessions). */
    public static ProcessResult run(List<String> command, Path workDir, Map<String, String> env, int timeoutSeconds, String stdin)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        if (System.getenv("HOME") == null && System.getenv("GOCACHE") == null) {
            builder.environment().put("GOCACHE", Path.of("target", "go-cache").toAbsolutePath().toString());
        }
        Process process = builder.start();
        try (var in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        java.io.ByteArrayOutputStream output = new java.io.ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                process.getInputStream().transferTo(output);
            } catch (IOException e) {
                // process gone
            }
        });
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            reader.join(5000);
            throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s; output so far:\n"
                    + output.toString(StandardCharsets.UTF_8));
        }
        reader.join(5000);
        return new ProcessResult(process.exitValue(), output.toString(StandardCharsets.UTF_8));
    }

    /** The running demo program; {@link #close()} stops it. */
    public static final class Demo implements AutoCloseable {
        private final Process process;
        private final int port;

        private Demo(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        public static Demo start() throws IOException, InterruptedException {
            Process process = new ProcessBuilder(pprofDemo().toString()).redirectErrorStream(true).start();
            BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = reader.readLine();
            if (line == null || !line.startsWith("listening on ")) {
                process.destroyForcibly();
                throw new AssertionError("pprof demo did not start: " + line);
            }
            return new Demo(process, Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).strip()));
        }

        public long pid() {
            return process.pid();
        }

        public String baseUrl() {
            return "http://127.0.0.1:" + port;
        }

        @Override
        public void close() {
            process.destroy();
        }
    }
}
