package io.jamesbounce.core.rates;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The state machine of one domain, as an immutable value: each step returns the next status and
 * the change it made, if any. Pure: the time comes in as an argument.
 *
 * <ul>
 *   <li>Up at once: an assessment asking for a higher state moves there and raises one change.</li>
 *   <li>Staying: an assessment asking for the current state changes nothing (no repeated alert) and
 *       cancels any cool-down in progress.</li>
 *   <li>Down slowly: once assessments ask for less, the cool-down starts; when every assessment for a whole
 *       {@link RateSettings#coolDown()} has asked for less, the domain steps down to the highest state
 *       they asked for.</li>
 *   <li>An operator release sets the domain to NORMAL, and it cannot escalate again for
 *       {@link RateSettings#releaseGrace()}.</li>
 * </ul>
 *
 * @param since       when the domain entered its state
 * @param calmSince   when assessments started asking for less than the state; empty when they do not
 * @param calmCeiling the highest state asked for since {@code calmSince}
 * @param holdUntil   after a release, escalation is held off until then
 */
public record DomainEscalation(String domain, DomainState state, Instant since, Optional<Instant> calmSince,
                           DomainState calmCeiling, Optional<Instant> holdUntil) {
    public DomainEscalation {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(calmSince, "calmSince");
        Objects.requireNonNull(calmCeiling, "calmCeiling");
        Objects.requireNonNull(holdUntil, "holdUntil");
        if (calmSince.isPresent() && !state.isAbove(calmCeiling)) {
            throw new IllegalArgumentException("cooling down from " + state + " towards " + calmCeiling);
        }
    }

    /** The result of a step. */
    public record Step(DomainEscalation status, Optional<DomainStateChange> change) {
        public Step {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(change, "change");
        }
    }

    public static DomainEscalation normal(String domain, Instant since) {
        return new DomainEscalation(domain, DomainState.NORMAL, since, Optional.empty(), DomainState.NORMAL, Optional.empty());
    }

    public Step advance(Assessment assessment, Instant now, RateSettings settings) {
        if (!assessment.domain().equals(domain)) {
            throw new IllegalArgumentException("assessment of " + assessment.domain() + " for " + domain);
        }
        DomainState target = assessment.target();
        Optional<Instant> hold = holdUntil.filter(now::isBefore);
        if (target.isAbove(state)) {
            if (hold.isPresent()) {
                return unchanged(new DomainEscalation(domain, state, since, calmSince, calmCeiling, hold));
            }
            DomainEscalation next = new DomainEscalation(domain, target, now, Optional.empty(), DomainState.NORMAL, Optional.empty());
            return new Step(next, Optional.of(change(target, now, ChangeCause.ESCALATED, assessment.triggers(),
                Optional.of(assessment.figures()), settings)));
        }
        if (target == state) {
            return unchanged(new DomainEscalation(domain, state, since, Optional.empty(), DomainState.NORMAL, hold));
        }
        Instant calmStart = calmSince.orElse(now);
        DomainState ceiling = calmSince.isPresent() ? DomainState.max(calmCeiling, target) : target;
        if (Duration.between(calmStart, now).compareTo(settings.coolDown()) >= 0) {
            DomainEscalation next = new DomainEscalation(domain, ceiling, now, Optional.empty(), DomainState.NORMAL, hold);
            List<Trigger> still = assessment.triggers().stream().filter(t -> !t.demands().isAbove(ceiling)).toList();
            return new Step(next, Optional.of(change(ceiling, now, ChangeCause.COOLED_DOWN, still,
                Optional.of(assessment.figures()), settings)));
        }
        return unchanged(new DomainEscalation(domain, state, since, Optional.of(calmStart), ceiling, hold));
    }

    /** An operator sets the domain back to NORMAL; nothing changes if it is NORMAL already. */
    public Step release(String actor, String reason, Instant now, RateSettings settings) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(reason, "reason");
        if (state == DomainState.NORMAL) {
            return unchanged(this);
        }
        DomainEscalation next = new DomainEscalation(domain, DomainState.NORMAL, now, Optional.empty(), DomainState.NORMAL,
            Optional.of(now.plus(settings.releaseGrace())));
        return new Step(next, Optional.of(new DomainStateChange(domain, state, DomainState.NORMAL, now, ChangeCause.RELEASED,
            List.of(), Optional.empty(), settings.perMinute(DomainState.NORMAL), Optional.of(actor), Optional.of(reason))));
    }

    /** Whether the status carries nothing worth keeping: NORMAL, no hold-off in force at {@code now}. */
    public boolean isIdleAt(Instant now) {
        return state == DomainState.NORMAL && holdUntil.filter(now::isBefore).isEmpty();
    }

    private DomainStateChange change(DomainState to, Instant now, ChangeCause cause, List<Trigger> triggers,
                                     Optional<DomainFigures> figures, RateSettings settings) {
        return new DomainStateChange(domain, state, to, now, cause, triggers, figures, settings.perMinute(to),
            Optional.empty(), Optional.empty());
    }

    private static Step unchanged(DomainEscalation status) {
        return new Step(status, Optional.empty());
    }
}
