package io.jamesbounce.core.rates;

import java.util.List;
import java.util.Objects;

/**
 * What the rules make of a domain's figures: every trigger that fired, and the state they ask for
 * together (the highest); NORMAL when none fired.
 */
public record Assessment(DomainFigures figures, List<Trigger> triggers) {
    public Assessment {
        Objects.requireNonNull(figures, "figures");
        triggers = List.copyOf(triggers);
    }

    public DomainState target() {
        return triggers.stream().map(Trigger::demands).reduce(DomainState.NORMAL, DomainState::max);
    }

    public String domain() {
        return figures.domain();
    }
}
