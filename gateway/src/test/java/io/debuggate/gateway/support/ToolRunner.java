package io.debuggate.gateway.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a real command-line tool and captures what it printed; a missing tool fails loudly. */
public final class ToolRunner {

    public record Result(int exitCode, String output) {
    }

    private ToolRunner() {
    }

    public static Result run(Path workDir, List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException(command.getFirst() + " is not installed: apt-get install -y golang-go delve", e);
        }
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroy();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
