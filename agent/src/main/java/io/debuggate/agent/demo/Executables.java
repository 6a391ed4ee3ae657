package io.debuggate.agent.demo;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the executables the demo needs on PATH and in the usual install folders. */
public final class Executables {

    public static final String GO_INSTALL = "apt-get install -y golang-go";
    public static final String DLV_INSTALL = "apt-get install -y delve";
    /** Service managers often start the gateway with a minimal PATH; these are where packages put the tools. */
    private static final List<String> USUAL_DIRS = List.of("/usr/bin", "/usr/local/bin", "/usr/local/go/bin");

    private Executables() {
    }

    public static Path go() {
        return require("go", GO_INSTALL);
    }

    public static Path dlv() {
        return require("dlv", DLV_INSTALL);
    }

    public static Optional<Path> find(String name) {
        List<String> dirs = new ArrayList<>(List.of(path().split(File.pathSeparator)));
        dirs.addAll(USUAL_DIRS);
        return dirs.stream().filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable).findFirst();
    }

    /** @throws DemoUnavailableException naming {@code installHint} when {@code name} is nowhere to be found */
    public static Path require(String name, String installHint) {
        return find(name).orElseThrow(() -> new DemoUnavailableException(name + " not found on PATH (" + path()
                + ") nor in " + USUAL_DIRS + ": install it with `" + installHint + "`"));
    }

    private static String path() {
        return System.getenv().getOrDefault("PATH", "");
    }
}
