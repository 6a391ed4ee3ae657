package io.debuggate.agent.demo;

import io.debuggate.agent.protocol.Ed25519Keys;
import java.nio.file.Path;

/**
 * A stand-in for the gateway JVM in {@link DemoTargetTest}: starts a demo target, reports it on
 * stdout and waits to be signalled. It never closes the demo itself, so only the shutdown hook
 * can clean up. Arguments: the gateway public key PEM, the build directory.
 */
public final class DemoTargetChildJvm {

    static final String READY_PREFIX = "DEMO-READY ";

    private DemoTargetChildJvm() {
    }

    public static void main(String[] args) throws Exception {
        DemoTarget demo = DemoTarget.start(DemoTargetConfig.builder(Ed25519Keys.readPublicKey(Path.of(args[0])))
                .buildDir(Path.of(args[1])).build());
        System.out.println(READY_PREFIX + demo.agentBaseUri() + " " + demo.testBedPid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
