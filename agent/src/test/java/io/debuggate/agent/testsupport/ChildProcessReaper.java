package io.debuggate.agent.testsupport;

import io.debuggate.agent.demo.DemoProcessReaper;
import java.util.List;

/**
 * For tests that check no dlv is left behind. The shutdown hook that leaves no Go or dlv
 * process behind lives in main code, {@link DemoProcessReaper}; test beds register there.
 */
public final class ChildProcessReaper {

    private ChildProcessReaper() {
    }

    /** dlv processes started (directly or not) by this JVM that are still running. */
    public static List<ProcessHandle> liveDlvDescendants() {
        return DemoProcessReaper.liveDlvDescendants();
    }
}
