package io.debuggate.policies.masking.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import io.debuggate.policies.masking.MaskingEngine;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/** Logs the test bed's customer data through a real Logback configuration and finds none of it in the file. */
class MaskingMessageConverterTest {

    @TempDir
    Path dir;

    @Test
    void logLinesCarryNoCustomerData() throws Exception {
        Path log = dir.resolve("app.log");
        LoggerContext ctx = new LoggerContext();
        ctx.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(ctx);
        String xml = """
                <configuration>
                  <conversionRule conversionWord="msg" class="io.debuggate.policies.masking.logback.MaskingMessageConverter"/>
                  <conversionRule conversionWord="ex" class="io.debuggate.policies.masking.logback.MaskingThrowableProxyConverter"/>
                  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                    <file>%s</file>
                    <encoder><pattern>%%level %%logger - %%msg%%n%%ex</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="FILE"/></root>
                </configuration>
                """.formatted(log.toString().replace(File.separatorChar, '/'));
        configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        LogMasking.use(MaskingEngine.defaults("log-test-key-0123456789".getBytes(StandardCharsets.UTF_8)));

        Logger logger = ctx.getLogger("io.debuggate.test");
        logger.info("session=s-1 user=alice@example.com phone={} card={}", "13812345678", "4111 1111 1111 1111");
        logger.warn("idCard=110101199003071233 rejected", new IllegalStateException("bad id 11010519491231002X"));
        ctx.stop();

        String out = Files.readString(log);
        assertThat(out).contains("INFO io.debuggate.test - session=s-1 user=email#", "phone=tel#", "card=4111 11** **** 1111",
                "idCard=110101********1233 rejected", "java.lang.IllegalStateException: bad id 110105********002X");
        assertThat(out).doesNotContain("alice@example.com", "13812345678", "4111 1111 1111 1111", "110101199003071233",
                "11010519491231002X");
    }
}
