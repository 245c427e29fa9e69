package io.jamesbounce.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class AlertEveryTest {
    private static final Instant T0 = Instant.parse("2026-03-10T10:00:00Z");

    private final AlertEvery alerts = new AlertEvery(Duration.ofHours(1));

    @Test
    void theFirstOccurrenceIsToldAtOnceAndTheNextOnesAfterThePeriodEvenWithoutAnotherOne() {
        assertThat(alerts.occurred(T0)).isEqualTo(OptionalLong.of(1));
        for (int i = 0; i < 500; i++) {
            assertThat(alerts.occurred(T0.plusSeconds(60))).isEmpty();
        }

        assertThat(alerts.due(T0.plus(Duration.ofMinutes(30)))).as("within the hour").isEmpty();
        assertThat(alerts.due(T0.plus(Duration.ofHours(1)))).isEqualTo(OptionalLong.of(500));
        assertThat(alerts.due(T0.plus(Duration.ofHours(3)))).as("told once").isEmpty();
    }

    @Test
    void nothingCountedIsNothingDue() {
        assertThat(alerts.due(T0)).isEmpty();
    }
}
