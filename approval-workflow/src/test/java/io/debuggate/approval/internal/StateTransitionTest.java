package io.debuggate.approval.internal;

import static io.debuggate.approval.RequestState.CANCELLED;
import static io.debuggate.approval.RequestState.EXPIRED;
import static io.debuggate.approval.RequestState.GRANTED;
import static io.debuggate.approval.RequestState.PARTIALLY_SIGNED;
import static io.debuggate.approval.RequestState.PENDING;
import static io.debuggate.approval.RequestState.REJECTED;
import static io.debuggate.approval.RequestState.REVOKED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debuggate.approval.IllegalStateTransitionException;
import io.debuggate.approval.RequestState;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StateTransitionTest {

    @Test
    void theTableHoldsExactlyTheDocumentedMoves() {
        Set<String> moves = Arrays.stream(StateTransition.values()).map(t -> t.from() + "->" + t.to()).collect(Collectors.toSet());
        assertThat(moves).containsExactlyInAnyOrder(
                "PENDING->PARTIALLY_SIGNED", "PENDING->REJECTED", "PENDING->EXPIRED", "PENDING->CANCELLED",
                "PARTIALLY_SIGNED->PENDING", "PARTIALLY_SIGNED->GRANTED", "PARTIALLY_SIGNED->REJECTED",
                "PARTIALLY_SIGNED->EXPIRED", "PARTIALLY_SIGNED->CANCELLED",
                "GRANTED->EXPIRED", "GRANTED->REVOKED");
    }

    @Test
    void finalStatesHaveNoWayOut() {
        for (RequestState end : EnumSet.of(REJECTED, EXPIRED, CANCELLED, REVOKED)) {
            assertThat(end.isFinal()).isTrue();
            for (RequestState to : RequestState.values()) {
                assertThat(StateTransition.isLegal(end, to)).as(end + "->" + to).isFalse();
            }
        }
    }

    @Test
    void aGrantNeedsTwoSignaturesAndCannotBeUndone() {
        assertThat(StateTransition.isLegal(PENDING, GRANTED)).isFalse();
        assertThat(StateTransition.isLegal(GRANTED, PENDING)).isFalse();
        assertThat(StateTransition.isLegal(GRANTED, CANCELLED)).isFalse();
        assertThat(StateTransition.isLegal(GRANTED, REJECTED)).isFalse();
    }

    @Test
    void anIllegalMoveNamesTheRequestAndBothStates() {
        assertThatThrownBy(() -> StateTransition.of("dr-1", REJECTED, GRANTED))
                .isInstanceOf(IllegalStateTransitionException.class)
                .hasMessage("request dr-1 cannot move from REJECTED to GRANTED")
                .satisfies(e -> {
                    IllegalStateTransitionException ex = (IllegalStateTransitionException) e;
                    assertThat(ex.requestId()).isEqualTo("dr-1");
                    assertThat(ex.from()).isEqualTo(REJECTED);
                    assertThat(ex.to()).isEqualTo(GRANTED);
                });
        assertThat(StateTransition.of("dr-1", PARTIALLY_SIGNED, GRANTED)).isEqualTo(StateTransition.PARTIALLY_SIGNED_TO_GRANTED);
    }
}
