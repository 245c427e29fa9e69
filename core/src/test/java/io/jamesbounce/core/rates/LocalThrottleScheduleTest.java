package io.jamesbounce.core.rates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class LocalThrottleScheduleTest {
    private static final Instant START = Instant.parse("2025-03-01T08:00:00Z");
    private static final Duration SECOND = Duration.ofSeconds(1);

    private final LocalThrottleSchedule schedule = new LocalThrottleSchedule();

    @Test
    void slotsShouldFollowEachOtherOneIntervalApart() {
        assertThat(List.of(schedule.reserve("example.com", START, SECOND), schedule.reserve("example.com", START, SECOND),
            schedule.reserve("example.com", START, SECOND)))
            .containsExactly(START, START.plusSeconds(1), START.plusSeconds(2));
    }

    @Test
    void aQuietDomainShouldStartAgainAtTheEarliestTime() {
        schedule.reserve("example.com", START, SECOND);

        assertThat(schedule.reserve("example.com", START.plusSeconds(60), SECOND)).isEqualTo(START.plusSeconds(60));
    }

    @Test
    void domainsShouldHaveTheirOwnLines() {
        schedule.reserve("example.com", START, SECOND);

        assertThat(schedule.reserve("example.net", START, SECOND)).isEqualTo(START);
    }

    @Test
    void aForgottenDomainShouldStartAfresh() {
        schedule.reserve("example.com", START, SECOND);
        schedule.forget("example.com");

        assertThat(schedule.reserve("example.com", START, SECOND)).isEqualTo(START);
    }

    @Test
    void concurrentReservationsShouldNeverShareASlot() throws Exception {
        ConcurrentLinkedQueue<Instant> slots = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4_000; i++) {
            pool.execute(() -> slots.add(schedule.reserve("example.com", START, SECOND)));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(slots).hasSize(4_000).doesNotHaveDuplicates()
            .allMatch(s -> !s.isBefore(START) && s.isBefore(START.plusSeconds(4_000)));
    }
}
