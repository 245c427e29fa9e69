package io.jamesbounce.store.jdbc;

import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.store.CachingSuppressionLookup;
import io.jamesbounce.store.Suppression;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Not a test: a measurement of the store at production size on an embedded PostgreSQL.
 *
 * <pre>
 *   scripts/bench-store [addresses] [uncached lookups] [cached entries]
 *   (defaults: 10000000 100000 1000000)
 * </pre>
 *
 * Prints the bulk load rate with batched COPY (how an operator seeds a cluster's store), the rate
 * of {@link JdbcSuppressionRepository#importSuppressions} (multi-row INSERT ... ON CONFLICT DO
 * NOTHING, the portable import path, on top of the loaded table), uncached lookup latency
 * through a connection pool (half hits, half misses), batch lookup latency for a 50-recipient mail,
 * cached lookup cost, the heap the cache takes per entry, and the prefilter (its build, a lookup it answers).
 */
public final class SuppressionStoreBenchmark {
    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final int DOMAINS = 5_000;

    private SuppressionStoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        int uncached = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int cachedEntries = (int) Math.min(n, args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000);
        System.out.printf(Locale.ROOT, "suppression store benchmark: %,d addresses, %,d uncached lookups, %,d cached entries%n",
            n, uncached, cachedEntries);

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
            // production-like settings for a bulk load: fewer forced checkpoints, more cache
            .setServerConfig("max_wal_size", "8GB")
            .setServerConfig("shared_buffers", "1GB")
            .start()) {
            HikariConfig config = new HikariConfig();
            config.setDataSource(postgres.getPostgresDatabase());
            config.setMaximumPoolSize(4);
            try (HikariDataSource pool = new HikariDataSource(config)) {
                JdbcSuppressionRepository repository = JdbcSuppressionRepository.create(pool);
                copyLoad(pool, n);
                importPath(repository, n, Math.max(1, Math.min(n / 10, 1_000_000L)));
                uncachedLookups(repository, n, uncached);
                batchLookups(repository, n, Math.max(1_000, uncached / 20));
                cachedLookups(repository, n, cachedEntries);
                prefilteredLookups(pool, n, uncached);
            }
            HikariConfig relayPool = new HikariConfig();
            relayPool.setDataSource(postgres.getPostgresDatabase());
            // the sample's pool size
            relayPool.setMaximumPoolSize(10);
            try (HikariDataSource pool = new HikariDataSource(relayPool)) {
                concurrentSpoolThreads(pool, n);
            }
        }
    }

    /**
     * What 8 spool threads relaying at once ask the database per mail (a lookup that misses, a
     * sent-message row), through the repository's shared statements and, for comparison, one
     * statement each as before.
     */
    private static void concurrentSpoolThreads(DataSource pool, long n) throws Exception {
        int threads = 8;
        int perThread = 5_000;
        JdbcSuppressionRepository repository = new JdbcSuppressionRepository(pool);
        JdbcSentMessageLog log = JdbcSentMessageLog.existing(pool, Clock.systemUTC());
        for (int round = 0; round < 2; round++) {
            String tag = "r" + round;
            double shared = perSecond(threads, perThread, (t, i) -> {
                AddressKey recipient = address(3 * n + (long) t * perThread + i);
                if (repository.isSuppressed(recipient, T0)) {
                    throw new IllegalStateException("a fresh recipient found suppressed: " + recipient);
                }
                log.add("<" + tag + "-shared-" + t + "-" + i + "@bench>", recipient.value());
            });
            double alone = perSecond(threads, perThread, (t, i) -> {
                AddressKey recipient = address(4 * n + (long) t * perThread + i);
                try (Connection c = pool.getConnection()) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT expires_at FROM suppression WHERE address = ?")) {
                        ps.setString(1, recipient.value());
                        try (ResultSet rs = ps.executeQuery()) {
                            if (rs.next()) {
                                throw new IllegalStateException("a fresh recipient found suppressed: " + recipient);
                            }
                        }
                    }
                    try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO sent_message (digest, sent_at) VALUES (?, CAST(? AS TIMESTAMP WITH TIME ZONE)) ON CONFLICT DO NOTHING")) {
                        ps.setString(1, JdbcSentMessageLog.digest("<" + tag + "-alone-" + t + "-" + i + "@bench>", recipient.value()));
                        ps.setString(2, Instant.now().toString());
                        ps.executeUpdate();
                    }
                }
            });
            System.out.printf(Locale.ROOT, "%d spool threads, a lookup miss and a sent-message row per mail (%s): shared statements %,.0f mails/s,"
                + " one statement each %,.0f mails/s%n", threads, round == 0 ? "warm-up" : "timed", shared, alone);
        }
    }

    private interface MailWork {
        void run(int thread, int mail) throws Exception;
    }

    private static double perSecond(int threads, int perThread, MailWork work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                running.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        work.run(thread, i);
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
            return threads * (double) perThread / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private static AddressKey address(long i) {
        return new AddressKey("user" + i + "@d" + (i % DOMAINS) + ".example");
    }

    /** COPY in batches of 100,000 rows, each its own transaction, straight into the indexed table. */
    private static void copyLoad(DataSource pool, long n) throws SQLException, IOException {
        int batch = 100_000;
        long start = System.nanoTime();
        long loaded = 0;
        try (Connection connection = pool.getConnection()) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            String sql = "COPY suppression (address, domain, category, source, rule_id, suppressed_at) FROM STDIN";
            StringBuilder rows = new StringBuilder(batch * 80);
            for (long i = 0; i < n; i++) {
                AddressKey key = address(i);
                rows.append(key.value()).append('\t').append(key.domain()).append("\tuser-unknown\tIMPORT\timport\t")
                    .append(OffsetDateTime.ofInstant(T0.plusSeconds(i % 86_400), ZoneOffset.UTC)).append('\n');
                if ((i + 1) % batch == 0 || i == n - 1) {
                    loaded += copy.copyIn(sql, new StringReader(rows.toString()));
                    rows.setLength(0);
                    if ((i + 1) % 1_000_000 == 0) {
                        System.out.printf(Locale.ROOT, "  ... %,d loaded%n", i + 1);
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "bulk load (batched COPY): %,d addresses in %.1f s = %,.0f addresses/s (target >= 50,000/s)%n",
            loaded, seconds, loaded / seconds);
    }

    /** The repository's own import on top of the loaded table: new addresses, every row checked for conflicts. */
    private static void importPath(JdbcSuppressionRepository repository, long n, long count) {
        Iterator<Suppression> entries = new Iterator<>() {
            private long next = 2 * n; // beyond both the loaded range and the lookup miss range

            @Override
            public boolean hasNext() {
                return next < 2 * n + count;
            }

            @Override
            public Suppression next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                long i = next++;
                return Suppression.of(address(i), Category.USER_UNKNOWN, EventSource.IMPORT, Suppression.IMPORT_RULE,
                    T0.plusSeconds(i % 86_400), Optional.empty());
            }
        };
        long start = System.nanoTime();
        long added = repository.importSuppressions(entries);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "import API (multi-row INSERT ... ON CONFLICT DO NOTHING): %,d addresses in %.1f s = %,.0f addresses/s%n",
            added, seconds, added / seconds);
    }

    private static void uncachedLookups(JdbcSuppressionRepository repository, long n, int count) {
        SplittableRandom random = new SplittableRandom(42);
        Instant now = T0.plus(Duration.ofDays(1));
        // warm-up: JIT, pool, PostgreSQL plan cache
        for (int i = 0; i < Math.min(count, 10_000); i++) {
            repository.isSuppressed(address(random.nextLong(2 * n)), now);
        }
        long[] nanos = new long[count];
        int hits = 0;
        for (int i = 0; i < count; i++) {
            // half the candidates exist (i < n), half do not: most recipients are not suppressed
            AddressKey key = address(random.nextLong(2 * n));
            long t = System.nanoTime();
            if (repository.isSuppressed(key, now)) {
                hits++;
            }
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "uncached lookup: p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us over %,d (%d%% hits) (target p99 <= 1 ms)%n",
            nanos[count / 2] / 1e3, nanos[(int) (count * 0.99)] / 1e3, nanos[(int) (count * 0.999)] / 1e3,
            nanos[count - 1] / 1e3, count, 100L * hits / count);
    }

    /**
     * The prefilter a James server builds at start: how long the build of the whole table takes and what
     * it holds, then recipients not on the list (answered without the database but for the false
     * positives) and, as a check at this size, addresses that are (every one must still be found).
     */
    private static void prefilteredLookups(DataSource pool, long n, int count) {
        long start = System.nanoTime();
        SuppressionPrefilter prefilter = new SuppressionPrefilter(pool, Duration.ofHours(1), System::nanoTime);
        prefilter.refresh();
        System.out.printf(Locale.ROOT, "prefilter: built from the whole table in %.1f s, %.1f MB%n",
            (System.nanoTime() - start) / 1e9, prefilter.memoryBytes() / 1e6);
        JdbcSuppressionRepository repository = new JdbcSuppressionRepository(pool, prefilter);
        SplittableRandom random = new SplittableRandom(43);
        Instant now = T0.plus(Duration.ofDays(1));
        for (int i = 0; i < Math.min(count, 10_000); i++) {
            repository.isSuppressed(address(n + random.nextLong(n)), now);
        }
        long[] nanos = new long[count];
        int askedTheDatabase = 0;
        for (int i = 0; i < count; i++) {
            AddressKey key = address(n + random.nextLong(n)); // never loaded
            if (prefilter.mayBeSuppressed(key)) {
                askedTheDatabase++;
            }
            long t = System.nanoTime();
            if (repository.isSuppressed(key, now)) {
                throw new IllegalStateException(key + " is not on the list but was answered suppressed");
            }
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        int lost = 0;
        int checked = Math.min(count, 100_000);
        for (int i = 0; i < checked; i++) {
            if (!repository.isSuppressed(address(random.nextLong(n)), now)) {
                lost++;
            }
        }
        System.out.printf(Locale.ROOT, "prefiltered lookup of a recipient not on the list: p50 %.2f us, p99 %.1f us, mean %.2f us over %,d"
                + " (%.2f %% false positives asked the database); %,d of %,d suppressed addresses not found%n",
            nanos[count / 2] / 1e3, nanos[(int) (count * 0.99)] / 1e3, Arrays.stream(nanos).average().orElse(0) / 1e3, count,
            100.0 * askedTheDatabase / count, lost, checked);
    }

    private static void batchLookups(JdbcSuppressionRepository repository, long n, int count) {
        SplittableRandom random = new SplittableRandom(7);
        Instant now = T0.plus(Duration.ofDays(1));
        long[] nanos = new long[count];
        for (int i = 0; i < count + 1_000; i++) {
            List<AddressKey> recipients = new ArrayList<>(50);
            for (int r = 0; r < 50; r++) {
                recipients.add(address(random.nextLong(2 * n)));
            }
            long t = System.nanoTime();
            repository.suppressedAmong(recipients, now);
            if (i >= 1_000) {
                nanos[i - 1_000] = System.nanoTime() - t;
            }
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "uncached batch lookup of 50 recipients: p50 %.1f us, p99 %.1f us over %,d mails%n",
            nanos[count / 2] / 1e3, nanos[(int) (count * 0.99)] / 1e3, count);
    }

    private static void cachedLookups(JdbcSuppressionRepository repository, long n, int entries) {
        long before = usedHeapAfterGc();
        // sized at twice the entries (as for the generational cache this measured before): every entry stays for the timing below
        CachingSuppressionLookup lookup = new CachingSuppressionLookup(repository, Clock.systemUTC(), Duration.ofHours(1), 2 * entries);
        // fill with every other address from the store (hits) and absent ones (misses), as real traffic would
        List<AddressKey> batch = new ArrayList<>(1_000);
        for (long i = 0; i < entries; i++) {
            batch.add(address(i % 2 == 0 ? i / 2 : n + i));
            if (batch.size() == 1_000) {
                lookup.suppressedAmong(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            lookup.suppressedAmong(batch);
        }
        long after = usedHeapAfterGc();
        long size = lookup.size();
        System.out.printf(Locale.ROOT, "cache heap: %,d entries (half suppressed) use %.1f MB = %d bytes/entry%n",
            size, (after - before) / 1e6, size == 0 ? 0 : (after - before) / size);

        // distinct key objects equal to the cached ones: what a mail's recipients would be
        int sample = (int) Math.min(size, 100_000);
        AddressKey[] keys = new AddressKey[sample];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < sample; i++) {
            long j = random.nextLong(size);
            keys[i] = address(j % 2 == 0 ? j / 2 : n + j);
        }
        long operations = 20_000_000L;
        int sink = 0;
        long best = Long.MAX_VALUE;
        // one warm-up round, then the best of three: on a shared machine the others' load is noise
        for (int round = 0; round < 4; round++) {
            long start = System.nanoTime();
            for (long i = 0; i < operations; i++) {
                if (lookup.isSuppressed(keys[(int) (i % sample)])) {
                    sink++;
                }
            }
            long elapsed = System.nanoTime() - start;
            if (round > 0) {
                best = Math.min(best, elapsed);
            }
        }
        System.out.printf(Locale.ROOT, "cached lookup: %.0f ns/op (best of 3 rounds of %,d lookups over %,d distinct addresses, half suppressed), single thread (target <= 200 ns) [%d]%n",
            (double) best / operations, operations, sample, sink % 2);
        cachedMailLookups(lookup, keys);
    }

    /** What outbound mail pays: one batch call per mail (one clock read), as {@code SuppressionCheck} makes. */
    private static void cachedMailLookups(CachingSuppressionLookup lookup, AddressKey[] keys) {
        int recipients = 10;
        int mails = 2_000_000;
        List<List<AddressKey>> batches = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 10_000; i++) {
            List<AddressKey> mail = new ArrayList<>(recipients);
            for (int r = 0; r < recipients; r++) {
                mail.add(keys[random.nextInt(keys.length)]);
            }
            batches.add(mail);
        }
        long best = Long.MAX_VALUE;
        int sink = 0;
        for (int round = 0; round < 4; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < mails; i++) {
                sink += lookup.suppressedAmong(batches.get(i % batches.size())).size();
            }
            long elapsed = System.nanoTime() - start;
            if (round > 0) {
                best = Math.min(best, elapsed);
            }
        }
        System.out.printf(Locale.ROOT, "cached lookup in mails of %d recipients: %.0f ns per recipient (best of 3 rounds of %,d mails) [%d]%n",
            recipients, (double) best / ((long) mails * recipients), mails, sink % 2);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
