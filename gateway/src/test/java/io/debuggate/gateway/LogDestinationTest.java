package io.debuggate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.status.Status;
import io.debuggate.agent.testsupport.TestBedPii;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's Logback configuration, loaded as Boot loads it: the console always, a file only
 * where the operator names one, and customer data masked in that file too.
 */
class LogDestinationTest {

    @TempDir
    Path dir;

    @Test
    void withoutAConfiguredFileNothingIsWrittenToDisk() throws Exception {
        LoggerContext context = configured(null);
        try {
            assertThat(rootAppenders(context)).extracting(Appender::getName).containsExactly("CONSOLE");
            assertThat(rootAppenders(context)).noneMatch(FileAppender.class::isInstance);
        } finally {
            context.stop();
        }
    }

    @Test
    void aConfiguredFileGetsEveryLineMasked() throws Exception {
        Path file = dir.resolve("logs/debuggate.log");
        LoggerContext context = configured(file);
        TestBedPii.Customer customer = TestBedPii.ZHANG_WEI;
        try {
            assertThat(rootAppenders(context)).extracting(Appender::getName).containsExactly("CONSOLE", "FILE");
            context.getLogger("io.debuggate.test").info("event=probe email={} card={}", customer.email(), customer.bankCard());
        } finally {
            context.stop();
        }
        String written = Files.readString(file);
        assertThat(written).contains("event=probe email=").doesNotContain(customer.email(), customer.bankCard());
    }

    /** Loads {@code logback-spring.xml}, with {@code LOG_FILE} set as Boot sets it for {@code logging.file.name}. */
    private static LoggerContext configured(Path logFile) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        if (logFile != null) {
            context.putProperty("LOG_FILE", logFile.toString());
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try (InputStream xml = LogDestinationTest.class.getResourceAsStream("/logback-spring.xml")) {
            assertThat(xml).as("logback-spring.xml on the class path").isNotNull();
            configurator.doConfigure(xml);
        }
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .as("Logback's own errors while loading the configuration")
                .noneMatch(status -> status.getLevel() >= Status.ERROR);
        return context;
    }

    private static List<Appender<ILoggingEvent>> rootAppenders(LoggerContext context) {
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        Iterator<Appender<ILoggingEvent>> it = context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
        it.forEachRemaining(appenders::add);
        return appenders;
    }
}
