package io.debuggate.audit.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operating-system account Elasticsearch runs as. Elasticsearch refuses to run as root and
 * has no switch for it, so when this process is root we create an unprivileged system user, hand
 * it the home folder and start every Elasticsearch command through {@code runuser}.
 */
final class NodeAccount {

    private static final Logger log = LoggerFactory.getLogger(NodeAccount.class);

    private final String user;
    private final boolean switchUser;

    private NodeAccount(String user, boolean switchUser) {
        this.user = user;
        this.switchUser = switchUser;
    }

    static NodeAccount forCurrentProcess(String systemUser) {
        return isRoot() ? new NodeAccount(systemUser, true) : new NodeAccount(System.getProperty("user.name"), false);
    }

    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    boolean switchesUser() {
        return switchUser;
    }

    String user() {
        return user;
    }

    /** The command line that runs {@code command} as this account. */
    List<String> wrap(List<String> command) {
        if (!switchUser) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", user, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Creates the system user if missing, then checks that it can reach the home and the JDK. */
    void prepare(Path home, Path jdk) {
        if (!switchUser) {
            return;
        }
        if (ProcessRunner.run(List.of("getent", "passwd", user), Path.of("/")).exitCode() != 0) {
            ProcessRunner.Result created = ProcessRunner.run(List.of("useradd", "--system", "--no-create-home",
                    "--shell", "/usr/sbin/nologin", user), Path.of("/"));
            if (created.exitCode() != 0) {
                throw new LocalElasticsearchException("cannot create system user '" + user
                        + "' to run Elasticsearch (it refuses to run as root): " + created.output().strip()
                        + "; create it yourself with: useradd --system --no-create-home --shell /usr/sbin/nologin "
                        + user);
            }
            log.info("elasticsearch.account created systemUser={}", user);
        }
        requireTraversable(home, "the node home");
        requireTraversable(jdk.resolve("bin"), "the JDK");
    }

    /** Gives the whole home to the account; files written by this (root) process included. */
    void takeOwnership(Path home) {
        if (!switchUser) {
            return;
        }
        ProcessRunner.Result chown = ProcessRunner.run(List.of("chown", "-R", user + ":", home.toString()), home);
        if (chown.exitCode() != 0) {
            throw new LocalElasticsearchException("cannot hand " + home + " to user '" + user + "': "
                    + chown.output().strip() + "; choose a home on a local file system that supports chown");
        }
    }

    private void requireTraversable(Path folder, String what) {
        List<String> command = new ArrayList<>(List.of("sh", "-c",
                "for d in \"$@\"; do test -x \"$d\" || echo \"$d\"; done", "sh"));
        List<Path> chain = new ArrayList<>();
        for (Path p = folder.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p)) {
                chain.addFirst(p);
            }
        }
        chain.forEach(p -> command.add(p.toString()));
        ProcessRunner.Result result = ProcessRunner.run(wrap(command), Path.of("/"));
        String blocked = result.output().strip();
        if (result.exitCode() != 0 || !blocked.isEmpty()) {
            String first = blocked.isEmpty() ? folder.toString() : blocked.lines().findFirst().orElseThrow();
            throw new LocalElasticsearchException("user '" + user + "' cannot enter " + first + " on the way to "
                    + what + " " + folder + ": every parent folder must be traversable by that user;"
                    + " run chmod o+x " + first + " or choose a home outside it (e.g. under /var/lib or /opt)");
        }
    }
}
