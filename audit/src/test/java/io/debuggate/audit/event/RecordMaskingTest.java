package io.debuggate.audit.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debuggate.audit.AuditActions;
import io.debuggate.audit.AuditOutcome;
import io.debuggate.audit.AuditRecord;
import io.debuggate.audit.AuditUnavailableException;
import io.debuggate.audit.testsupport.PiiValues;
import io.debuggate.audit.testsupport.TestMaskers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordMaskingTest {

    private final RecordMasking masking = new RecordMasking(TestMaskers.engine());

    @Test
    void masksReasonAndEveryStringInDetailsHoweverDeep() {
        AuditRecord masked = masking.mask(AuditRecord.of(AuditActions.DLV_RPC, AuditOutcome.SUCCESS, "alice")
                .reason("customer " + PiiValues.MOBILE + " complained")
                .detail("result", Map.of("vars", List.of(Map.of("value", "id=" + PiiValues.RESIDENT_ID))))
                .detail("card", PiiValues.BANK_CARD)
                .detail("mail", new String[] {PiiValues.EMAIL})
                .build());

        String all = masked.toString();
        assertThat(all).doesNotContain(PiiValues.MOBILE, PiiValues.RESIDENT_ID, PiiValues.BANK_CARD, PiiValues.EMAIL);
        assertThat(masked.reason()).startsWith("customer ").endsWith(" complained");
    }

    @Test
    void aPhoneNumberPassedAsANumberIsMaskedToo() {
        AuditRecord masked = masking.mask(AuditRecord.of(AuditActions.DLV_RPC, AuditOutcome.SUCCESS, "alice")
                .detail("phone", Long.parseLong(PiiValues.MOBILE)).detail("count", 12345L).build());

        assertThat(masked.details().get("phone")).isInstanceOf(String.class).asString()
                .doesNotContain(PiiValues.MOBILE);
        assertThat(masked.details().get("count")).isEqualTo(12345L);
    }

    @Test
    void identifiersAreKeptForSearch() {
        AuditRecord masked = masking.mask(AuditRecord.of(AuditActions.SESSION_OPENED, AuditOutcome.SUCCESS, "bob")
                .session("s-1").target("payment-svc/demo-0").request("r-1").trace("t-1").build());

        assertThat(masked.user()).isEqualTo("bob");
        assertThat(masked.sessionId()).isEqualTo("s-1");
        assertThat(masked.target()).isEqualTo("payment-svc/demo-0");
        assertThat(masked.traceId()).isEqualTo("t-1");
    }

    @Test
    void aFailingMaskerMeansTheEventIsNotRecorded() {
        RecordMasking broken = new RecordMasking(text -> {
            throw new IllegalStateException("rules not loaded");
        });

        assertThatThrownBy(() -> broken.mask(AuditRecord.of(AuditActions.DLV_RPC, AuditOutcome.SUCCESS, "alice")
                .reason("x").build()))
                .isInstanceOf(AuditUnavailableException.class)
                .hasMessageContaining("masking the audit event 'dlv.rpc' failed");
    }
}
