package io.debuggate.approval.support;

import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A bare application around the module: Boot's DataSource and Flowable auto-configuration plus
 * ours (found through AutoConfiguration.imports, as in the gateway), a recording audit trail and
 * a clock tests can move.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class TestApplication {

    @Bean
    RecordingAuditTrail auditTrail() {
        return new RecordingAuditTrail();
    }

    @Bean
    MutableClock clock() {
        return new MutableClock();
    }

    @Bean
    EventLog eventLog() {
        return new EventLog();
    }

    /** A failed timer job (audit trail down) is retried after one second instead of ten. */
    @Bean
    EngineConfigurationConfigurer<SpringProcessEngineConfiguration> fastJobRetries() {
        return engine -> {
            engine.setAsyncFailedJobWaitTime(1);
            engine.setDefaultFailedJobWaitTime(1);
        };
    }
}
