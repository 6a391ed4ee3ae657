package io.debuggate.approval;

import java.time.Instant;

/** When a grant is usable: from {@code startsAt} inclusive to {@code endsAt} exclusive. */
public record GrantWindow(Instant startsAt, Instant endsAt) {

    public GrantWindow {
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("grant window ends at " + endsAt + ", not after its start " + startsAt);
        }
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(startsAt) && instant.isBefore(endsAt);
    }
}
