package io.jamesbounce.core.rates;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Judges a domain's figures. Pure: the same figures and settings give the same assessment.
 *
 * <ul>
 *   <li>Hard bounces: the rate over {@link RateSettings#rateWindow()} against the warning, bad and critical
 *       thresholds (WARNING, THROTTLED, CRITICAL).</li>
 *   <li>Soft bounces and blocks: the rate over {@link RateSettings#shortWindow()} spikes when it reaches both
 *       {@link RateSettings#spikeFloor()} and {@link RateSettings#spikeMultiplier()} times the rate of the rest of
 *       the baseline window (THROTTLED). A domain that always runs high is not spiking.</li>
 *   <li>Reputation: one x.7.x status from at least {@link RateSettings#reputationRecipients()} distinct recipients,
 *       reported by at least {@link RateSettings#reputationReporters()} independent reporters, in the short window
 *       (THROTTLED).</li>
 * </ul>
 * A window with fewer than {@link RateSettings#minimumAttempts()} attempts is not judged, and neither is a
 * baseline that small (the spike is then judged against the floor alone).
 */
public final class RateRules {
    private final RateSettings settings;

    public RateRules(RateSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public RateSettings settings() {
        return settings;
    }

    public Assessment assess(DomainFigures figures) {
        List<Trigger> triggers = new ArrayList<>();
        hardRate(figures.rateWindow()).ifPresent(triggers::add);
        spike(BounceKind.SOFT, TriggerKind.SOFT_SPIKE, figures).ifPresent(triggers::add);
        spike(BounceKind.BLOCK, TriggerKind.BLOCK_SPIKE, figures).ifPresent(triggers::add);
        // judged like the rates: not on a handful of attempts, and not on one reporter's word however
        // many of our recipients it names (a forger holding ten mailboxes is one reporter)
        boolean enoughAttempts = figures.shortWindow().attempts() >= settings.minimumAttempts();
        for (StatusSpread spread : figures.spreads()) {
            if (enoughAttempts && spread.recipients() >= settings.reputationRecipients()
                && spread.reporters() >= settings.reputationReporters()) {
                triggers.add(new Trigger(TriggerKind.REPUTATION, DomainState.THROTTLED, settings.shortWindow(),
                    spread.recipients(), figures.shortWindow().attempts(),
                    figures.shortWindow().attempts() == 0 ? 0 : (double) spread.recipients() / figures.shortWindow().attempts(),
                    settings.reputationRecipients(), OptionalDouble.empty(), Optional.of(spread.status())));
            }
        }
        return new Assessment(figures, triggers);
    }

    private Optional<Trigger> hardRate(WindowCounts window) {
        if (window.attempts() < settings.minimumAttempts()) {
            return Optional.empty();
        }
        double rate = window.rate(BounceKind.HARD);
        DomainState demands;
        double threshold;
        if (rate >= settings.hardCritical()) {
            demands = DomainState.CRITICAL;
            threshold = settings.hardCritical();
        } else if (rate >= settings.hardBad()) {
            demands = DomainState.THROTTLED;
            threshold = settings.hardBad();
        } else if (rate >= settings.hardWarning()) {
            demands = DomainState.WARNING;
            threshold = settings.hardWarning();
        } else {
            return Optional.empty();
        }
        return Optional.of(new Trigger(TriggerKind.HARD_RATE, demands, settings.rateWindow(), window.bounces(BounceKind.HARD),
            window.attempts(), rate, threshold, OptionalDouble.empty(), Optional.empty()));
    }

    private Optional<Trigger> spike(BounceKind kind, TriggerKind trigger, DomainFigures figures) {
        WindowCounts recent = figures.shortWindow();
        if (recent.attempts() < settings.minimumAttempts()) {
            return Optional.empty();
        }
        WindowCounts before = figures.baselineBeforeShortWindow();
        double baseline = before.attempts() < settings.minimumAttempts() ? 0 : before.rate(kind);
        double threshold = Math.max(settings.spikeFloor(), baseline * settings.spikeMultiplier());
        double rate = recent.rate(kind);
        if (rate < threshold) {
            return Optional.empty();
        }
        return Optional.of(new Trigger(trigger, DomainState.THROTTLED, settings.shortWindow(), recent.bounces(kind),
            recent.attempts(), rate, threshold, OptionalDouble.of(baseline), Optional.empty()));
    }
}
