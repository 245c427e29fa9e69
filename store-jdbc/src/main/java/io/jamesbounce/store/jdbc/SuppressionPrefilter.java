package io.jamesbounce.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jamesbounce.core.policy.AddressKey;

/**
 * Every address of the suppression table, in memory, as an {@link AddressFilter}: a recipient the
 * filter rules out is not suppressed, and the repository does not ask the database about it. Almost
 * every outbound recipient is such a one: without the filter, each new recipient costs a query
 * ({@code scripts/load-james} profiled it as the extension's largest cost in the relay).
 *
 * <p>How it stays complete: it is built from the whole table, then kept current by reading, every
 * {@code refresh}, the addresses written since the last reading ({@code suppression.written_at}, set
 * by the database's clock). The repository adds the addresses it writes itself before writing them, so
 * this server sees its own suppressions at once; other servers' (and the CLI's) within a refresh. A
 * transaction commits after its {@code written_at}, so each reading goes back {@link #OVERLAP} further
 * than the last: a write whose transaction lasted longer than that is caught by the next rebuild, every
 * {@link #REBUILD_EVERY} (or sooner, once the filter holds more addresses than it was sized for).
 * Removed entries stay in the filter until a rebuild: they only make it answer "perhaps".
 *
 * <p>When it is not used: before its first build, and whenever its last successful reading began more
 * than {@code maximumAge} ago (the database cannot be read): every lookup then goes to the database,
 * as it would without a filter, and fails as it would.
 */
public final class SuppressionPrefilter implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(SuppressionPrefilter.class);
    /** How far back each reading goes past the last one, for the transactions that commit late. */
    static final Duration OVERLAP = Duration.ofSeconds(10);
    static final Duration REBUILD_EVERY = Duration.ofHours(1);
    /** The smallest filter: 1 M addresses, 1.25 MB. A filter is sized for twice the table it is built from. */
    static final long MINIMUM_CAPACITY = 1L << 20;
    private static final int FETCH_SIZE = 10_000;
    /** Before any row's {@code written_at}: the database's clock sets it, and the column is younger than 1970. */
    private static final Instant EVERY_ROW = Instant.EPOCH;
    private static final SuppressionPrefilter DISABLED = new SuppressionPrefilter(null, Duration.ZERO, System::nanoTime);

    private final DataSource dataSource;
    private final long maximumAgeNanos;
    private final LongSupplier nanoTime;
    private final Object swap = new Object();
    private volatile AddressFilter current;
    /** The filter being built, which the addresses written meanwhile go to as well; guarded by {@link #swap}. */
    private AddressFilter building;
    private volatile long freshSince;
    /** The database's time at the start of the last reading; only the refreshing thread touches it. */
    private Instant position;
    private long builtAt;
    private int builds;
    private boolean failing;
    private ScheduledExecutorService scheduler;

    SuppressionPrefilter(DataSource dataSource, Duration maximumAge, LongSupplier nanoTime) {
        this.dataSource = dataSource;
        this.maximumAgeNanos = maximumAge.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** No filter: every lookup goes to the database. */
    public static SuppressionPrefilter disabled() {
        return DISABLED;
    }

    /**
     * Builds the filter on a daemon thread of its own, then refreshes it every {@code refresh}; lookups
     * go to the database until it is built. Stop it with {@link #close}.
     *
     * @param maximumAge how old the last reading may be for the filter to be used: changes made by other
     *                   servers are seen within it even when the database cannot be read
     */
    public static SuppressionPrefilter start(DataSource dataSource, Duration refresh, Duration maximumAge) {
        Objects.requireNonNull(dataSource, "dataSource");
        if (refresh.isNegative() || refresh.isZero() || refresh.compareTo(maximumAge) >= 0) {
            throw new IllegalArgumentException("the refresh (" + refresh + ") must be positive and shorter than the maximum age ("
                + maximumAge + ")");
        }
        SuppressionPrefilter prefilter = new SuppressionPrefilter(dataSource, maximumAge, System::nanoTime);
        prefilter.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bounce-suppression-prefilter");
            thread.setDaemon(true);
            return thread;
        });
        prefilter.scheduler.scheduleWithFixedDelay(prefilter::refreshQuietly, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
        return prefilter;
    }

    /** False only when the address is certainly not in the table (as of the last reading, plus this server's own writes). */
    boolean mayBeSuppressed(AddressKey address) {
        AddressFilter filter = current;
        return !usable(filter) || filter.mightContain(address.value());
    }

    /** An address this server is about to write to the table. */
    void adding(AddressKey address) {
        if (dataSource == null) {
            return;
        }
        synchronized (swap) {
            AddressFilter filter = current;
            if (filter != null) {
                filter.add(address.value());
            }
            if (building != null) {
                building.add(address.value());
            }
        }
    }

    /** Whether the filter answers lookups now. */
    boolean inUse() {
        return usable(current);
    }

    /** Built, and its last successful reading no older than the maximum age. */
    private boolean usable(AddressFilter filter) {
        return filter != null && nanoTime.getAsLong() - freshSince <= maximumAgeNanos;
    }

    /** Bytes the filter holds (0 before it is built). */
    long memoryBytes() {
        AddressFilter filter = current;
        return filter == null ? 0 : filter.memoryBytes();
    }

    /** How many times the filter was built. */
    synchronized int builds() {
        return builds;
    }

    /** One reading now: the first builds the filter, later ones read what was written since. */
    synchronized void refresh() {
        if (dataSource == null) {
            return;
        }
        AddressFilter filter = current;
        long started = nanoTime.getAsLong();
        if (filter == null || started - builtAt > REBUILD_EVERY.toNanos() || filter.additions() > filter.capacity()) {
            rebuild(started);
        } else {
            Instant now = databaseTime();
            long read = readWrittenSince(position.minus(OVERLAP), filter);
            position = now;
            freshSince = started;
            if (read > 0) {
                LOGGER.debug("suppression prefilter read {} addresses written since the last reading", read);
            }
        }
    }

    private void rebuild(long started) {
        long rows = Connections.withConnection(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM suppression"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        AddressFilter fresh = new AddressFilter(Math.max(MINIMUM_CAPACITY, 2 * rows));
        synchronized (swap) {
            building = fresh;
        }
        try {
            Instant now = databaseTime();
            long read = readWrittenSince(EVERY_ROW, fresh);
            readWrittenSince(now.minus(OVERLAP), fresh);
            position = now;
            // before the filter is published: a lookup that sees the new filter sees its age too
            freshSince = started;
            synchronized (swap) {
                current = fresh;
            }
            builtAt = started;
            builds++;
            LOGGER.info("suppression prefilter built: addresses={} capacity={} bytes={} in {} ms", read, fresh.capacity(),
                fresh.memoryBytes(), (nanoTime.getAsLong() - started) / 1_000_000);
        } finally {
            synchronized (swap) {
                building = null;
            }
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
            if (failing) {
                LOGGER.info("suppression prefilter reads the database again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOGGER.warn("suppression prefilter cannot read the database; lookups go to the database once it is "
                    + "{} ms old cause={}", maximumAgeNanos / 1_000_000, e.toString());
                failing = true;
            }
        }
    }

    private Instant databaseTime() {
        return Connections.withConnection(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT CURRENT_TIMESTAMP"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, OffsetDateTime.class).toInstant();
            }
        });
    }

    /** The addresses of the rows written since {@code since} ({@link #EVERY_ROW}: all of them), added to the filter. */
    private long readWrittenSince(Instant since, AddressFilter filter) {
        // in a transaction: PostgreSQL streams a result by the fetch size only outside auto-commit
        return Connections.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT address FROM suppression WHERE written_at >= ?")) {
                ps.setFetchSize(FETCH_SIZE);
                ps.setObject(1, since.atOffset(ZoneOffset.UTC));
                long read = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        filter.add(rs.getString(1));
                        read++;
                    }
                }
                return read;
            }
        });
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
