package io.jamesbounce.core.rates;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What per-domain rates cost the outbound path, per recipient: {@link RateAccumulator#recordAttempt}
 * plus {@link Throttle#decide} for a domain that is not throttled, single-threaded and with several
 * spool threads on the same hot domains. A main, not a test: it prints figures, it asserts nothing.
 *
 * <pre>
 * mvn -o -q -pl core test-compile
 * java -cp core/target/classes:core/target/test-classes io.jamesbounce.core.rates.OutboundCostBenchmark [threads] [millions]
 * </pre>
 */
public final class OutboundCostBenchmark {
    private static final String[] DOMAINS = {"gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "orange.fr",
        "gmx.de", "web.de", "icloud.com", "example.com", "example.org", "aol.com", "free.fr", "laposte.net", "yandex.ru",
        "mail.ru", "qq.com"};

    private OutboundCostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        long perThread = (args.length > 1 ? Long.parseLong(args[1]) : 20) * 1_000_000L;
        Clock clock = Clock.systemUTC();
        RateSettings settings = RateSettings.defaults();
        RateAccumulator accumulator = new RateAccumulator(settings, clock);
        DomainRateMonitor monitor = new DomainRateMonitor(settings, clock);
        Throttle throttle = new Throttle(monitor);
        Instant now = Instant.now();
        System.out.printf(Locale.ROOT, "JVM %s, %d cores%n", Runtime.version(), Runtime.getRuntime().availableProcessors());
        for (int round = 0; round < 3; round++) {
            report("warm-up recordAttempt, 1 thread", run(1, perThread, i -> accumulator.recordAttempt(DOMAINS[(int) (i & 15)])), 1, perThread);
            accumulator.drain();
        }
        report("recordAttempt, 1 thread", run(1, perThread, i -> accumulator.recordAttempt(DOMAINS[(int) (i & 15)])), 1, perThread);
        report("recordAttempt + decide (not throttled), 1 thread", run(1, perThread, i -> {
            String d = DOMAINS[(int) (i & 15)];
            accumulator.recordAttempt(d);
            if (!throttle.decide(d, now).allowed()) {
                throw new IllegalStateException();
            }
        }), 1, perThread);
        report("recordAttempt, " + threads + " threads, 16 domains", run(threads, perThread,
            i -> accumulator.recordAttempt(DOMAINS[(int) (i & 15)])), threads, perThread);
        report("recordAttempt, " + threads + " threads, one hot domain", run(threads, perThread,
            i -> accumulator.recordAttempt("gmail.com")), threads, perThread);
        long drainStart = System.nanoTime();
        RateBatch batch = accumulator.drain();
        System.out.printf(Locale.ROOT, "drain: %d increments, %d attempts, %.1f us%n", batch.increments().size(),
            batch.attempts(), (System.nanoTime() - drainStart) / 1e3);
    }

    @FunctionalInterface
    private interface Op {
        void run(long i);
    }

    private static long run(int threads, long perThread, Op op) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        AtomicLong sink = new AtomicLong();
        for (int t = 0; t < threads; t++) {
            long offset = t * 7L;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (long i = 0; i < perThread; i++) {
                    op.run(i + offset);
                }
                sink.incrementAndGet();
                done.countDown();
            });
            thread.start();
        }
        long t0 = System.nanoTime();
        start.countDown();
        done.await();
        return System.nanoTime() - t0;
    }

    private static void report(String what, long nanos, int threads, long perThread) {
        long total = threads * perThread;
        System.out.printf(Locale.ROOT, "%-55s %6.1f ns per recipient (wall %.0f ms, %,d recipients; %.1f ns of CPU each)%n",
            what, (double) nanos / total, nanos / 1e6, total, (double) nanos * threads / total);
    }
}
