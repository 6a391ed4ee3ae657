package io.debuggate.agent;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point of the agent process; see {@link AgentArguments#USAGE}. */
public final class AgentMain {

    /** Shipped under a package path, not as {@code logback.xml}, so it never overrides the gateway's logging. */
    static final String LOGBACK_CONFIG = "io/debuggate/agent/logback-agent.xml";

    private AgentMain() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
        }
        Logger log = LoggerFactory.getLogger(AgentMain.class);
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(AgentArguments.USAGE);
            return;
        }
        AgentConfig config;
        try {
            config = AgentArguments.parse(Arrays.asList(args), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("debuggate agent: " + e.getMessage());
            System.exit(2);
            return;
        }
        Agent agent;
        try {
            agent = Agent.start(config);
        } catch (java.io.IOException e) {
            System.err.println("debuggate agent: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM/SIGINT to the agent: stop dlv with SIGTERM and wait, so the target keeps running.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
        }, "agent-shutdown"));
        log.info("agent ready agentId={} http={} relay={}", config.agentId(), agent.httpAddress(), agent.relayAddress());
        stopped.await();
    }
}
