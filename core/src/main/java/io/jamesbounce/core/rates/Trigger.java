package io.jamesbounce.core.rates;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

import io.jamesbounce.core.model.EnhancedStatus;

/**
 * One rule that fired, with the figures that made it fire.
 *
 * @param demands      the state the rule asks for
 * @param window       the window the figures come from
 * @param count        bounces of the kind concerned (for {@link TriggerKind#REPUTATION}: distinct recipients)
 * @param attempts     attempts in that window
 * @param rate         count per attempt (0 without attempts)
 * @param threshold    the rate reached (for {@link TriggerKind#REPUTATION}: the number of recipients)
 * @param baselineRate for a spike, the rate it is compared with
 * @param status       for {@link TriggerKind#REPUTATION}, the shared status
 */
public record Trigger(TriggerKind kind, DomainState demands, Duration window, long count, long attempts, double rate,
                      double threshold, OptionalDouble baselineRate, Optional<EnhancedStatus> status) {
    public Trigger {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(demands, "demands");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(baselineRate, "baselineRate");
        Objects.requireNonNull(status, "status");
        if (demands == DomainState.NORMAL) {
            throw new IllegalArgumentException("a trigger demands more than NORMAL");
        }
    }

    /** One token for a log line: {@code hard-rate=5.20%>=5.00%(52/1000,PT1H)}. */
    public String token() {
        return switch (kind) {
            case REPUTATION -> kind.label() + "=" + status.map(Object::toString).orElse("?") + ":" + count + ">="
                + (long) threshold + "(recipients," + window + ")";
            case HARD_RATE -> kind.label() + "=" + percent(rate) + ">=" + percent(threshold) + "(" + count + "/" + attempts
                + "," + window + ")";
            case SOFT_SPIKE, BLOCK_SPIKE -> kind.label() + "=" + percent(rate) + ">=" + percent(threshold) + "(" + count
                + "/" + attempts + "," + window + ",baseline=" + percent(baselineRate.orElse(0)) + ")";
        };
    }

    /** One sentence for a person. */
    public String sentence() {
        String w = human(window);
        return switch (kind) {
            case HARD_RATE -> "hard-bounce rate " + percent(rate) + " over the last " + w + " (" + count + " of " + attempts
                + " attempts), threshold " + percent(threshold) + " for " + demands;
            case SOFT_SPIKE, BLOCK_SPIKE -> (kind == TriggerKind.SOFT_SPIKE ? "soft-bounce" : "block") + " rate "
                + percent(rate) + " over the last " + w + " (" + count + " of " + attempts + " attempts) against a baseline of "
                + percent(baselineRate.orElse(0)) + "; spike threshold " + percent(threshold);
            case REPUTATION -> count + " distinct recipients refused with " + status.map(Object::toString).orElse("?")
                + " over the last " + w + " (threshold " + (long) threshold + "): the receiver is refusing the sender";
        };
    }

    static String percent(double rate) {
        return String.format(Locale.ROOT, "%.2f%%", rate * 100);
    }

    static String human(Duration d) {
        if (d.toMinutesPart() == 0 && d.toSecondsPart() == 0 && d.toHours() > 0) {
            return d.toHours() + " h";
        }
        if (d.toSecondsPart() == 0) {
            return d.toMinutes() + " min";
        }
        return d.toSeconds() + " s";
    }
}
