package io.jamesbounce.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.core.policy.PolicySettings;
import io.jamesbounce.core.policy.SuppressionPolicy;

/** What the store contracts share: the addresses, the instant, the entries and events they write. */
public final class StoreFixtures {
    static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    static final AddressKey ALICE = AddressKey.of("alice@example.org");
    static final AddressKey BOB = AddressKey.of("bob@example.org");
    static final AddressKey CAROL = AddressKey.of("carol@example.net");
    static final Change OPERATOR = new Change("admin@example.org", "ticket 42", T0);

    private StoreFixtures() {
    }

    static BounceEvent event(String report, AddressKey to, Instant at, Category category) {
        return BounceEvent.bare(report, to, at, EventSource.DSN, category, "test-rule");
    }

    static Suppression hard(AddressKey address, Instant at) {
        return Suppression.of(address, Category.USER_UNKNOWN, EventSource.DSN, "hard-at-once", at, Optional.empty());
    }

    static Suppression soft(AddressKey address, Instant at, Duration lifetime) {
        return Suppression.of(address, Category.MAILBOX_FULL, EventSource.DSN, "soft-streak-exceeded", at,
            Optional.of(at.plus(lifetime)));
    }

    static SuppressionPolicy policy() {
        return new SuppressionPolicy(PolicySettings.defaults(), Clock.fixed(T0, ZoneOffset.UTC));
    }

    static List<AddressKey> addresses(SuppressionPage page) {
        return page.items().stream().map(Suppression::address).toList();
    }

    @FunctionalInterface
    public interface Task<T> {
        T run(int index) throws Exception;
    }

    /** Runs the task on {@code threads} threads released at the same instant; each backend call takes its own connection. */
    public static <T> List<T> concurrently(int threads, Task<T> task) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                Callable<T> callable = () -> {
                    start.await();
                    return task.run(index);
                };
                futures.add(executor.submit(callable));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }
}
