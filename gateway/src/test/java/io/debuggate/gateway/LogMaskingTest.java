package io.debuggate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.agent.testsupport.TestBedPii;
import io.debuggate.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The gateway's own log lines carry no customer data, in messages or in exception text. */
@ExtendWith(OutputCaptureExtension.class)
class LogMaskingTest extends GatewayIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(LogMaskingTest.class);

    @Test
    void theTestBedsPiiNeverReachesTheLog(CapturedOutput output) {
        for (TestBedPii.Customer c : TestBedPii.CUSTOMERS) {
            log.info("event=probe id_card={} mobile={} card={} email={}", c.residentId(), c.mobile(), c.bankCard(), c.email());
        }
        log.warn("event=probe_failure", new IllegalStateException("payment for " + TestBedPii.ZHANG_WEI.email()
                + " with card " + TestBedPii.ZHANG_WEI.bankCard() + " failed"));
        assertThat(output.getOut()).contains("event=probe id_card=").contains("event=probe_failure");
        for (String value : TestBedPii.ALL_SENSITIVE_VALUES) {
            if (!value.equals(TestBedPii.API_KEY)) {
                assertThat(output.getAll()).as("raw value in the log").doesNotContain(value);
            }
        }
    }
}
