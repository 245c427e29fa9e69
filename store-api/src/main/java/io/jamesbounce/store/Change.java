package io.jamesbounce.store;

import java.time.Instant;
import java.util.Objects;

/** Who changed the list by hand, why and when: an operator's change is always accounted for. */
public record Change(String actor, String reason, Instant at) {
    /** As long as the store's columns: what WebAdmin and the CLI accept; the store refuses longer (a data error). */
    public static final int MAX_ACTOR = 255;
    public static final int MAX_REASON = 4000;

    public Change {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        if (actor.isBlank()) {
            throw new IllegalArgumentException("a manual change needs an actor");
        }
        if (reason.isBlank()) {
            throw new IllegalArgumentException("a manual change needs a reason");
        }

    }
}
