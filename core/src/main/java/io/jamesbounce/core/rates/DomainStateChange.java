package io.jamesbounce.core.rates;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import io.jamesbounce.core.text.LogValues;

/**
 * One state change of one domain, with the figures that caused it: what is logged, alerted and
 * kept. Immutable.
 *
 * @param triggers         the rules that fired at the change (empty when stepping down to NORMAL or released)
 * @param figures          what the rules looked at; empty for an operator release
 * @param perMinute        the throttle in force from now on, if any
 * @param actor            who released the domain, for {@link ChangeCause#RELEASED}
 * @param reason           why, for {@link ChangeCause#RELEASED}
 */
public record DomainStateChange(String domain, DomainState from, DomainState to, Instant at, ChangeCause cause,
                                List<Trigger> triggers, Optional<DomainFigures> figures, OptionalInt perMinute,
                                Optional<String> actor, Optional<String> reason) {
    public DomainStateChange {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(cause, "cause");
        triggers = List.copyOf(triggers);
        Objects.requireNonNull(figures, "figures");
        Objects.requireNonNull(perMinute, "perMinute");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(reason, "reason");
        if (from == to) {
            throw new IllegalArgumentException("not a change: " + from + " to " + to);
        }
        if ((cause == ChangeCause.ESCALATED) != to.isAbove(from)) {
            throw new IllegalArgumentException(cause + " from " + from + " to " + to);
        }
    }

    /** Whether this change calls for the postmaster's attention now (a domain got worse). */
    public boolean isEscalation() {
        return cause == ChangeCause.ESCALATED;
    }

    /**
     * One structured line, key=value, for the mail log: {@code domain-rate change domain=example.com
     * from=NORMAL to=THROTTLED cause=ESCALATED at=... throttle=60/min triggers=hard-rate=5.20%>=5.00%(52/1000,PT1H)}.
     */
    public String logLine() {
        StringBuilder line = new StringBuilder("domain-rate change domain=").append(domain)
            .append(" from=").append(from).append(" to=").append(to).append(" cause=").append(cause).append(" at=").append(at)
            .append(" throttle=").append(perMinute.isPresent() ? perMinute.getAsInt() + "/min" : "none");
        figures.ifPresent(f -> line.append(" attempts=").append(f.rateWindow().attempts())
            .append(" hard=").append(Trigger.percent(f.rateWindow().rate(BounceKind.HARD)))
            .append(" soft=").append(Trigger.percent(f.shortWindow().rate(BounceKind.SOFT)))
            .append(" block=").append(Trigger.percent(f.shortWindow().rate(BounceKind.BLOCK))));
        line.append(" triggers=").append(triggers.isEmpty() ? "none"
            : triggers.stream().map(Trigger::token).collect(Collectors.joining(",")));
        actor.ifPresent(a -> line.append(" actor=").append(LogValues.safe(a).replace(' ', '_')));
        reason.ifPresent(r -> line.append(" reason=\"").append(LogValues.safe(r).replace("\"", "'")).append('"'));
        return line.toString();
    }

    /** The subject of an alert mail. */
    public String alertSubject() {
        return switch (cause) {
            case ESCALATED -> "[bounce-rate] " + domain + " is " + to + perMinute.stream().mapToObj(n -> " (" + n + " messages/min)")
                .findFirst().orElse("");
            case COOLED_DOWN -> "[bounce-rate] " + domain + " back to " + to;
            case RELEASED -> "[bounce-rate] " + domain + " released by " + actor.orElse("an operator");
        };
    }

    /** The text of an alert mail: what changed, why, and what the server does about it. */
    public String alertText() {
        StringBuilder text = new StringBuilder();
        text.append("Recipient domain ").append(domain).append(" went from ").append(from).append(" to ").append(to)
            .append(" at ").append(at).append(".\n");
        switch (cause) {
            case ESCALATED -> {
                text.append("\nWhy:\n");
                triggers.forEach(t -> text.append("  - ").append(t.sentence()).append('\n'));
            }
            case COOLED_DOWN -> text.append("\nThe figures stayed below the thresholds of ").append(from)
                .append(" for the whole cool-down.\n");
            case RELEASED -> text.append("\nReleased by ").append(actor.orElse("an operator"))
                .append(reason.map(r -> ": " + r).orElse("")).append(".\n");
        }
        figures.ifPresent(f -> text.append("\nFigures: ")
            .append(f.rateWindow().attempts()).append(" attempts over the rate window, hard-bounce rate ")
            .append(Trigger.percent(f.rateWindow().rate(BounceKind.HARD))).append("; ")
            .append(f.shortWindow().attempts()).append(" attempts over the short window, soft ")
            .append(Trigger.percent(f.shortWindow().rate(BounceKind.SOFT))).append(", block ")
            .append(Trigger.percent(f.shortWindow().rate(BounceKind.BLOCK))).append(".\n"));
        if (perMinute.isPresent()) {
            text.append("\nMail to ").append(domain).append(" is now limited to ").append(perMinute.getAsInt())
                .append(" messages a minute per server; the rest waits in the queue.\n");
        } else if (to == DomainState.WARNING) {
            text.append("\nMail to ").append(domain).append(" flows as usual; check the lists sent to it.\n");
        } else {
            text.append("\nMail to ").append(domain).append(" flows as usual.\n");
        }
        return text.toString();
    }
}
