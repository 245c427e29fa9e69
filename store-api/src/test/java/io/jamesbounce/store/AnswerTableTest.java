package io.jamesbounce.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.jamesbounce.core.policy.AddressKey;

class AnswerTableTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long FIVE_MINUTES = 300_000L;

    private final AnswerTable table = new AnswerTable(1000, T0, new SplittableRandom(1));

    @Test
    void anAnswerShouldBeFoundUntilItsAgePassesTheBound() {
        table.put("alice@example.org", true, T0, FIVE_MINUTES);
        table.put("bob@example.org", false, T0, FIVE_MINUTES);

        assertThat(table.find("alice@example.org", T0 + FIVE_MINUTES, FIVE_MINUTES)).isEqualTo(1);
        assertThat(table.find("bob@example.org", T0 + FIVE_MINUTES, FIVE_MINUTES)).isZero();
        assertThat(table.find("alice@example.org", T0 + FIVE_MINUTES + 1, FIVE_MINUTES)).isEqualTo(AnswerTable.ABSENT);
        assertThat(table.find("carol@example.org", T0, FIVE_MINUTES)).isEqualTo(AnswerTable.ABSENT);
    }

    @Test
    void aNewAnswerShouldReplaceTheOldOneForTheSameAddress() {
        table.put("alice@example.org", false, T0, FIVE_MINUTES);
        table.put("alice@example.org", true, T0 + 10, FIVE_MINUTES);

        assertThat(table.find("alice@example.org", T0 + 10, FIVE_MINUTES)).isEqualTo(1);
        assertThat(table.size(T0 + 10, FIVE_MINUTES)).isEqualTo(1);
    }

    @Test
    void removeAndClearShouldForgetAnswers() {
        table.put("alice@example.org", true, T0, FIVE_MINUTES);
        table.put("bob@example.org", true, T0, FIVE_MINUTES);

        table.remove("alice@example.org");
        assertThat(table.find("alice@example.org", T0, FIVE_MINUTES)).isEqualTo(AnswerTable.ABSENT);
        assertThat(table.find("bob@example.org", T0, FIVE_MINUTES)).isEqualTo(1);

        table.clear();
        assertThat(table.size(T0, FIVE_MINUTES)).isZero();
    }

    /** The batch lookup outbound mail takes: the same answers as one lookup at a time, in the order asked. */
    @Test
    void findAllShouldAnswerAsFindDoesForEachAddress() {
        AnswerTable nearlyFull = new AnswerTable(4_000, T0, new SplittableRandom(7));
        for (int i = 0; i < 3_600; i++) {
            // every third answer written too early to be fresh at T0 + FIVE_MINUTES + 1
            long written = i % 3 == 0 ? T0 : T0 + 1;
            nearlyFull.put("user" + i + "@example.com", i % 2 == 0, written, FIVE_MINUTES);
        }
        AddressKey[] asked = IntStream.range(0, 4_000)
            .map(i -> (i * 7_919) % 4_000)
            .mapToObj(i -> AddressKey.of("user" + i + "@example.com"))
            .toArray(AddressKey[]::new);
        long now = T0 + FIVE_MINUTES + 1;

        int[] answers = new int[asked.length];
        nearlyFull.findAll(asked, now, FIVE_MINUTES, answers);

        int[] oneByOne = new int[asked.length];
        for (int i = 0; i < asked.length; i++) {
            oneByOne[i] = nearlyFull.find(asked[i].value(), now, FIVE_MINUTES);
        }
        assertThat(answers).containsExactly(oneByOne);
        // all three answers occur: suppressed, not suppressed, and none (expired or never written)
        assertThat(answers).contains(1, 0, AnswerTable.ABSENT);
        assertThat(IntStream.of(answers).filter(a -> a == AnswerTable.ABSENT).count()).isGreaterThanOrEqualTo(400 + 1_200);
    }

    /** Addresses that differ in one character, by length only, or past the fourth character of a block. */
    @Test
    void nearlyEqualAddressesShouldKeepTheirOwnAnswers() {
        List<String> addresses = List.of("a@b.c", "a@b.cc", "a@b.c\u0000", "ab@b.c", "ba@b.c", "user1@x.org", "user10@x.org",
            "user01@x.org", "USER1@x.org", "usér1@x.org");
        for (int i = 0; i < addresses.size(); i++) {
            table.put(addresses.get(i), i % 2 == 0, T0, FIVE_MINUTES);
        }
        for (int i = 0; i < addresses.size(); i++) {
            assertThat(table.find(addresses.get(i), T0, FIVE_MINUTES)).as(addresses.get(i)).isEqualTo(i % 2 == 0 ? 1 : 0);
        }
    }

    @Test
    void theTableShouldHoldNoMoreThanItsCapacity() {
        IntStream.range(0, 10_000).forEach(i -> table.put("user" + i + "@example.com", false, T0, FIVE_MINUTES));

        assertThat(table.capacity()).isEqualTo(1000);
        assertThat(table.size(T0, FIVE_MINUTES)).isLessThanOrEqualTo(1000).isGreaterThan(900);
    }

    @Test
    void aTinyCapacityShouldBeRoundedUpToOneBucket() {
        assertThat(new AnswerTable(3, T0, new SplittableRandom(1)).capacity()).isEqualTo(8);
        assertThatThrownBy(() -> new AnswerTable(0, T0, new SplittableRandom(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anExpiredAnswerShouldMakeRoomBeforeAFreshOne() {
        AnswerTable oneBucket = new AnswerTable(8, T0, new SplittableRandom(1));
        IntStream.range(0, 8).forEach(i -> oneBucket.put("fresh" + i + "@example.com", false, T0 + FIVE_MINUTES, FIVE_MINUTES));
        oneBucket.put("old@example.com", true, T0, FIVE_MINUTES);
        // "old" replaced fresh0 (all as used, fresh0 the first of the oldest); now it has expired and is the one to go
        oneBucket.put("new@example.com", true, T0 + FIVE_MINUTES + 1, FIVE_MINUTES);

        assertThat(oneBucket.find("new@example.com", T0 + FIVE_MINUTES + 1, FIVE_MINUTES)).isEqualTo(1);
        assertThat(IntStream.range(1, 8).map(i -> oneBucket.find("fresh" + i + "@example.com", T0 + FIVE_MINUTES + 1, FIVE_MINUTES)))
            .containsOnly(0);
    }

    @Test
    void anAnswerInUseShouldOutliveNewerOnesUsedOnce() {
        AnswerTable oneBucket = new AnswerTable(8, T0, new SplittableRandom(1));
        oneBucket.put("regular@example.com", true, T0, FIVE_MINUTES);
        oneBucket.find("regular@example.com", T0, FIVE_MINUTES);

        IntStream.range(0, 100).forEach(i -> oneBucket.put("once" + i + "@example.com", false, T0 + 1 + i, FIVE_MINUTES));

        assertThat(oneBucket.find("regular@example.com", T0 + 200, FIVE_MINUTES)).isEqualTo(1);
        assertThat(oneBucket.find("once99@example.com", T0 + 200, FIVE_MINUTES)).isZero();
        assertThat(oneBucket.find("once0@example.com", T0 + 200, FIVE_MINUTES)).isEqualTo(AnswerTable.ABSENT);
    }

    /**
     * Writers replace slots while readers probe them: a reader may miss, but never returns the answer
     * of another address. Each address's answer is a function of the address, so a wrong one shows.
     */
    @Test
    void readersShouldNeverSeeAnotherAddressesAnswerWhileWritersReplaceSlots() throws Exception {
        AnswerTable small = new AnswerTable(64, T0, new SplittableRandom(7));
        List<String> addresses = IntStream.range(0, 4096).mapToObj(i -> "user" + i + "@d" + (i % 7) + ".example").toList();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong wrong = new AtomicLong();
        AtomicLong hits = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int seed = t;
                work.add(threads.submit(() -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    while (!stop.get()) {
                        int i = random.nextInt(addresses.size());
                        small.put(addresses.get(i), expected(i), T0, FIVE_MINUTES);
                        if (random.nextInt(50) == 0) {
                            small.remove(addresses.get(random.nextInt(addresses.size())));
                        }
                    }
                }));
                work.add(threads.submit(() -> {
                    SplittableRandom random = new SplittableRandom(100 + seed);
                    while (!stop.get()) {
                        int i = random.nextInt(addresses.size());
                        int found = small.find(addresses.get(i), T0, FIVE_MINUTES);
                        if (found != AnswerTable.ABSENT) {
                            hits.incrementAndGet();
                            if (found != (expected(i) ? 1 : 0)) {
                                wrong.incrementAndGet();
                            }
                        }
                    }
                }));
            }
            Thread.sleep(1_500);
            stop.set(true);
            for (Future<?> future : work) {
                future.get(10, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(hits.get()).isGreaterThan(1_000);
        assertThat(wrong).hasValue(0);
    }

    private static boolean expected(int i) {
        return Integer.bitCount(i * 0x9E3779B9) % 2 == 0;
    }
}
