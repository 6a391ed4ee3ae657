package io.debuggate.agent.target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the target's pid comes from. */
public sealed interface PidSource {

    /** The pid now; a pid file is re-read each time because the service may have restarted. */
    long resolve() throws TargetUnavailableException;

    static PidSource fixed(long pid) {
        return new FixedPid(pid);
    }

    static PidSource file(Path pidFile) {
        return new PidFile(pidFile);
    }

    record FixedPid(long pid) implements PidSource {
        public FixedPid {
            checkPid(pid, "target pid");
        }

        @Override
        public long resolve() {
            return pid;
        }

        @Override
        public String toString() {
            return "pid " + pid;
        }
    }

    record PidFile(Path path) implements PidSource {
        @Override
        public long resolve() throws TargetUnavailableException {
            String text;
            try {
                text = Files.readString(path).strip();
            } catch (IOException e) {
                throw new TargetUnavailableException("cannot read pid file " + path + " (" + e
                        + "): is the service running and the path right?");
            }
            try {
                long pid = Long.parseLong(text);
                checkPid(pid, "pid in " + path);
                return pid;
            } catch (IllegalArgumentException e) {
                throw new TargetUnavailableException("pid file " + path + " holds \"" + text
                        + "\", not a process id: " + e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "pid file " + path;
        }
    }

    private static void checkPid(long pid, String what) {
        // pid 1 is init (or the container's entrypoint); attaching a debugger there is never meant.
        if (pid <= 1) {
            throw new IllegalArgumentException(what + " " + pid + " is not a service process id (must be > 1)");
        }
    }
}
