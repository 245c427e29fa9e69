package io.jamesbounce.core.policy;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import io.jamesbounce.core.classify.Classification;
import io.jamesbounce.core.model.Category;

/**
 * The knobs of {@link SuppressionPolicy}.
 *
 * @param treatments      what each category leads to; every category must be mapped
 * @param softStreak      how long an address must fail softly, with no success, before it is suppressed
 * @param softLifetime    how long a suppression promoted from soft failures lasts
 * @param historyWindow   how far back the store looks for a streak; older events do not count
 */
public record PolicySettings(Map<Category, Treatment> treatments, Duration softStreak, Duration softLifetime,
                             Duration historyWindow, Map<String, Treatment> ruleTreatments) {
    /**
     * The classification rules for "user unknown" wording where the notice shows a content filter
     * (said to DATA, or a reply naming no address): category policy (it may be a filter's excuse), but
     * never mailed forever if it keeps coming: a soft failure, suppressed after the soft streak.
     */
    public static final String USER_UNKNOWN_AT_DATA_RULE = "text.user-unknown-at-data";
    public static final String USER_UNKNOWN_FILTER_RULE = "text.user-unknown-filter";
    /**
     * The classification rule for greylisting: a routine deferral that says nothing of the address
     * (the retry gets through), recorded only.
     */
    public static final String GREYLISTED_RULE = Classification.GREYLISTED_RULE;

    public static final Duration DEFAULT_SOFT_STREAK = Duration.ofDays(5);
    public static final Duration DEFAULT_SOFT_LIFETIME = Duration.ofDays(90);
    public static final Duration DEFAULT_HISTORY_WINDOW = Duration.ofDays(30);

    public PolicySettings {
        Objects.requireNonNull(treatments, "treatments");
        for (Category category : Category.values()) {
            if (!treatments.containsKey(category)) {
                throw new IllegalArgumentException("no treatment for category " + category.label());
            }
        }
        treatments = Map.copyOf(treatments);
        Objects.requireNonNull(ruleTreatments, "ruleTreatments");
        ruleTreatments = Map.copyOf(ruleTreatments);
        if (ruleTreatments.containsValue(Treatment.SUCCESS)) {
            throw new IllegalArgumentException("a classification rule cannot be made a success: only delivered is");
        }
        requirePositive(softStreak, "softStreak");
        requirePositive(softLifetime, "softLifetime");
        requirePositive(historyWindow, "historyWindow");
        if (historyWindow.compareTo(softStreak) <= 0) {
            // otherwise the history handed to the policy could never show a streak long enough
            throw new IllegalArgumentException("historyWindow (" + historyWindow + ") must be longer than softStreak (" + softStreak + ")");
        }
        if (treatments.get(Category.DELIVERED) != Treatment.SUCCESS) {
            throw new IllegalArgumentException("category delivered must stay a success: it is what resets soft streaks");
        }
    }

    public static PolicySettings defaults() {
        Map<Category, Treatment> t = new EnumMap<>(Category.class);
        t.put(Category.USER_UNKNOWN, Treatment.SUPPRESS_AT_ONCE);
        t.put(Category.BAD_DOMAIN, Treatment.SUPPRESS_AT_ONCE);
        t.put(Category.MAILBOX_DISABLED, Treatment.SUPPRESS_AT_ONCE);
        t.put(Category.COMPLAINT, Treatment.COMPLAINT);
        t.put(Category.MAILBOX_FULL, Treatment.SOFT);
        t.put(Category.SYSTEM_ERROR, Treatment.SOFT);
        t.put(Category.THROTTLED, Treatment.SOFT);
        t.put(Category.EXPIRED, Treatment.SOFT);
        t.put(Category.DELAYED, Treatment.SOFT);
        t.put(Category.BLOCKED, Treatment.COUNT_AGAINST_DOMAIN);
        t.put(Category.SPAM, Treatment.COUNT_AGAINST_DOMAIN);
        t.put(Category.POLICY, Treatment.COUNT_AGAINST_DOMAIN);
        t.put(Category.UNKNOWN, Treatment.RECORD_ONLY);
        t.put(Category.MESSAGE_TOO_LARGE, Treatment.RECORD_ONLY);
        t.put(Category.DELIVERED, Treatment.SUCCESS);
        return new PolicySettings(t, DEFAULT_SOFT_STREAK, DEFAULT_SOFT_LIFETIME, DEFAULT_HISTORY_WINDOW,
            Map.of(USER_UNKNOWN_AT_DATA_RULE, Treatment.SOFT, USER_UNKNOWN_FILTER_RULE, Treatment.SOFT,
                GREYLISTED_RULE, Treatment.RECORD_ONLY));
    }

    /** Settings without rule-level treatments. */
    public PolicySettings(Map<Category, Treatment> treatments, Duration softStreak, Duration softLifetime, Duration historyWindow) {
        this(treatments, softStreak, softLifetime, historyWindow, Map.of());
    }

    public Treatment treatmentOf(Category category) {
        return treatments.get(category);
    }

    /** A rule-level treatment, when configured, outranks its category's. */
    public Treatment treatmentOf(Category category, String ruleId) {
        Treatment byRule = ruleTreatments.get(ruleId);
        return byRule != null ? byRule : treatments.get(category);
    }

    public PolicySettings withRuleTreatment(String ruleId, Treatment treatment) {
        Map<String, Treatment> r = new HashMap<>(ruleTreatments);
        r.put(ruleId, treatment);
        return new PolicySettings(treatments, softStreak, softLifetime, historyWindow, r);
    }

    public PolicySettings withTreatment(Category category, Treatment treatment) {
        Map<Category, Treatment> t = new EnumMap<>(treatments);
        t.put(category, treatment);
        return new PolicySettings(t, softStreak, softLifetime, historyWindow, ruleTreatments);
    }

    public PolicySettings withSoftStreak(Duration value) {
        return new PolicySettings(treatments, value, softLifetime, historyWindow, ruleTreatments);
    }

    public PolicySettings withSoftLifetime(Duration value) {
        return new PolicySettings(treatments, softStreak, value, historyWindow, ruleTreatments);
    }

    public PolicySettings withHistoryWindow(Duration value) {
        return new PolicySettings(treatments, softStreak, softLifetime, value, ruleTreatments);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
