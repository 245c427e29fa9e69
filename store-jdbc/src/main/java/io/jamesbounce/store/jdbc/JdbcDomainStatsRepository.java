package io.jamesbounce.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import javax.sql.DataSource;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.rates.BlockSighting;
import io.jamesbounce.core.rates.DomainState;
import io.jamesbounce.core.rates.RateBatch;
import io.jamesbounce.core.rates.RateIncrement;
import io.jamesbounce.core.rates.StatusSpread;
import io.jamesbounce.core.rates.WindowCounts;
import io.jamesbounce.store.DomainStatsRepository;

/**
 * The per-domain counters on a {@link DataSource}: the embedded H2 file database or PostgreSQL
 * shared by a cluster (schema {@code V2__create_domain_rates.sql}).
 *
 * <p>Every increment is one atomic statement that adds to the row: on PostgreSQL
 * {@code INSERT ... ON CONFLICT (...) DO UPDATE SET total = total + EXCLUDED.total}, on H2 (which has
 * no {@code DO UPDATE}) the equivalent {@code MERGE ... WHEN MATCHED THEN UPDATE SET total = total + ?},
 * retried if two writers create the same row at once. A flush writes its rows in one transaction,
 * in the batch's order (domain, bucket, outcome): every server locks rows in the same order, so
 * concurrent flushes wait for each other but never deadlock.
 *
 * <p>A throttled domain's schedule ({@code V6__create_domain_schedules.sql}) is one row moved by one
 * statement per reservation: on PostgreSQL {@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING}, on
 * H2 a row lock ({@code SELECT ... FOR UPDATE}) in a short transaction. A state change is claimed by a
 * compare-and-set of the recorded state (or the first insert): one server wins.
 */
public final class JdbcDomainStatsRepository implements DomainStatsRepository {
    /** The {@code outcome} of the attempts row; other rows carry a category label. */
    static final String ATTEMPT = "attempt";
    private static final int UNIQUE_VIOLATION_ATTEMPTS = 5;
    private static final String UNIQUE_VIOLATION = "23505";

    private static final String POSTGRES_INCREMENT = "INSERT INTO domain_rate_bucket (domain, bucket_start, outcome, total) "
        + "VALUES (?, ?, ?, ?) ON CONFLICT (domain, bucket_start, outcome) DO UPDATE SET total = domain_rate_bucket.total + EXCLUDED.total";
    private static final String H2_INCREMENT = "MERGE INTO domain_rate_bucket b "
        + "USING (VALUES (CAST(? AS VARCHAR(255)), CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS VARCHAR(32)), CAST(? AS BIGINT))) "
        + "AS v (domain, bucket_start, outcome, total) "
        + "ON b.domain = v.domain AND b.bucket_start = v.bucket_start AND b.outcome = v.outcome "
        + "WHEN MATCHED THEN UPDATE SET total = b.total + v.total "
        + "WHEN NOT MATCHED THEN INSERT (domain, bucket_start, outcome, total) VALUES (v.domain, v.bucket_start, v.outcome, v.total)";
    private static final String POSTGRES_HOUR_INCREMENT = POSTGRES_INCREMENT.replace("domain_rate_bucket", "domain_rate_hour")
        .replace("bucket_start", "hour_start");
    private static final String H2_HOUR_INCREMENT = H2_INCREMENT.replace("domain_rate_bucket", "domain_rate_hour")
        .replace("bucket_start", "hour_start");
    /** How much longer than the minute buckets the hourly totals are kept: a week in all, for the dashboard. */
    static final Duration HOURS_KEPT_LONGER = Duration.ofDays(7);
    private static final String SIGHTING = "INSERT INTO domain_rate_block (domain, bucket_start, status, recipient, reporter) "
        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private static final String POSTGRES_RESERVE = "INSERT INTO domain_throttle (domain, next_slot_us) VALUES (?, ?) "
        + "ON CONFLICT (domain) DO UPDATE SET next_slot_us = GREATEST(domain_throttle.next_slot_us, ?) + ? RETURNING next_slot_us";

    private static final int MAX_REPORTER = 255;

    private final DataSource dataSource;

    /** Expects a migrated schema; see {@link #create(DataSource)}. */
    public JdbcDomainStatsRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Migrates the schema to the latest version, then returns the repository. */
    public static JdbcDomainStatsRepository create(DataSource dataSource) {
        SchemaMigrator.migrate(dataSource);
        return new JdbcDomainStatsRepository(dataSource);
    }

    @Override
    public void add(RateBatch batch) {
        if (batch.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                write(c, batch);
                return;
            } catch (SQLException e) {
                // Two H2 writers creating the same row at once: the loser rolls back and adds again.
                if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt >= UNIQUE_VIOLATION_ATTEMPTS) {
                    throw SuppressionStoreException.of(e);
                }
            }
        }
    }

    private static void write(Connection c, RateBatch batch) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            String increment = SqlDialect.of(c) == SqlDialect.POSTGRESQL ? POSTGRES_INCREMENT : H2_INCREMENT;
            try (PreparedStatement ps = c.prepareStatement(increment)) {
                addIncrements(ps, batch.increments());
                ps.executeBatch();
            }
            // the same counts summed per hour (a flush may span two), in the same domain order
            String hourIncrement = SqlDialect.of(c) == SqlDialect.POSTGRESQL ? POSTGRES_HOUR_INCREMENT : H2_HOUR_INCREMENT;
            try (PreparedStatement ps = c.prepareStatement(hourIncrement)) {
                addIncrements(ps, hourly(batch.increments()));
                ps.executeBatch();
            }
            if (!batch.sightings().isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(SIGHTING)) {
                    for (BlockSighting s : batch.sightings()) {
                        ps.setString(1, s.domain());
                        Columns.setInstant(ps, 2, s.bucket());
                        ps.setString(3, s.status().toString());
                        ps.setString(4, s.recipient().value());
                        ps.setString(5, s.reporter().length() > MAX_REPORTER ? s.reporter().substring(0, MAX_REPORTER) : s.reporter());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw unwrap(e);
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** The increments summed per domain and hour, in domain then hour order. */
    private static List<RateIncrement> hourly(List<RateIncrement> increments) {
        Map<String, RateIncrement> byHour = new TreeMap<>();
        for (RateIncrement i : increments) {
            Instant hour = i.bucket().truncatedTo(ChronoUnit.HOURS);
            RateIncrement inHour = new RateIncrement(i.domain(), hour, i.attempts(), i.bounces());
            byHour.merge(i.domain() + '\n' + hour, inHour, RateIncrement::plus);
        }
        return List.copyOf(byHour.values());
    }

    /** A batch failure wraps the statement's own exception; its SQL state is what tells a retryable race. */
    private static SQLException unwrap(Exception e) {
        if (e instanceof SQLException sql) {
            SQLException next = sql.getNextException();
            if (next != null && sql.getSQLState() == null) {
                return next;
            }
            return sql;
        }
        throw (RuntimeException) e;
    }

    private static void bindIncrement(PreparedStatement ps, String domain, Instant bucket, String outcome, long n)
        throws SQLException {
        ps.setString(1, domain);
        Columns.setInstant(ps, 2, bucket);
        ps.setString(3, outcome);
        ps.setLong(4, n);
        ps.addBatch();
    }

    @Override
    public List<WindowCounts> counts(Instant from, Instant to) {
        return query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT domain, outcome, SUM(total) FROM domain_rate_bucket "
                + "WHERE bucket_start >= ? AND bucket_start < ? GROUP BY domain, outcome ORDER BY domain")) {
                Columns.setInstant(ps, 1, from);
                Columns.setInstant(ps, 2, to);
                Map<String, long[]> attempts = new LinkedHashMap<>();
                Map<String, Map<Category, Long>> bounces = new LinkedHashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String domain = rs.getString(1);
                        String outcome = rs.getString(2);
                        long total = rs.getLong(3);
                        attempts.computeIfAbsent(domain, d -> new long[1]);
                        Map<Category, Long> byCategory = bounces.computeIfAbsent(domain, d -> new EnumMap<>(Category.class));
                        if (ATTEMPT.equals(outcome)) {
                            attempts.get(domain)[0] += total;
                        } else {
                            // a label written by a newer version and unknown to this one is left out, not fatal
                            Category.fromLabel(outcome).ifPresent(category -> byCategory.merge(category, total, Long::sum));
                        }
                    }
                }
                List<WindowCounts> out = new ArrayList<>();
                attempts.forEach((domain, n) -> out.add(new WindowCounts(domain, n[0], bounces.get(domain))));
                return out;
            }
        });
    }

    @Override
    public List<StatusSpread> spreads(Instant from, Instant to) {
        return query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT domain, status, COUNT(DISTINCT recipient), COUNT(DISTINCT NULLIF(reporter, '')) FROM domain_rate_block "
                + "WHERE bucket_start >= ? AND bucket_start < ? GROUP BY domain, status ORDER BY domain, status")) {
                Columns.setInstant(ps, 1, from);
                Columns.setInstant(ps, 2, to);
                List<StatusSpread> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StatusSpread(rs.getString(1), EnhancedStatus.of(rs.getString(2)), rs.getLong(3), rs.getLong(4)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public long purgeBefore(Instant before) {
        return query(c -> {
            long n = 0;
            for (String table : List.of("domain_rate_bucket", "domain_rate_block")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE bucket_start < ?")) {
                    Columns.setInstant(ps, 1, before);
                    n += ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM domain_rate_hour WHERE hour_start < ?")) {
                Columns.setInstant(ps, 1, before.minus(HOURS_KEPT_LONGER));
                n += ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM domain_throttle WHERE next_slot_us < ?")) {
                ps.setLong(1, ChronoUnit.MICROS.between(Instant.EPOCH, before));
                n += ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM domain_state WHERE state = 'NORMAL' AND since < ?")) {
                Columns.setInstant(ps, 1, before);
                n += ps.executeUpdate();
            }
            return n;
        });
    }

    @Override
    public Instant reserveSlot(String domain, Instant earliest, Duration interval) {
        long earliestUs = ChronoUnit.MICROS.between(Instant.EPOCH, earliest);
        long intervalUs = Math.max(1, interval.toNanos() / 1_000);
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                long next = SqlDialect.of(c) == SqlDialect.POSTGRESQL
                    ? reserveOnPostgres(c, domain, earliestUs, intervalUs)
                    : reserveLocked(c, domain, earliestUs, intervalUs);
                return Instant.EPOCH.plus(next - intervalUs, ChronoUnit.MICROS);
            } catch (SQLException e) {
                // two H2 servers creating the domain's row at once: the loser reserves again
                if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt >= UNIQUE_VIOLATION_ATTEMPTS) {
                    throw SuppressionStoreException.of(e);
                }
            }
        }
    }

    private static long reserveOnPostgres(Connection c, String domain, long earliestUs, long intervalUs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(POSTGRES_RESERVE)) {
            ps.setString(1, domain);
            ps.setLong(2, earliestUs + intervalUs);
            ps.setLong(3, earliestUs);
            ps.setLong(4, intervalUs);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** @return the next free slot after the reservation */
    private static long reserveLocked(Connection c, String domain, long earliestUs, long intervalUs) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            long next;
            try (PreparedStatement select = c.prepareStatement("SELECT next_slot_us FROM domain_throttle WHERE domain = ? FOR UPDATE")) {
                select.setString(1, domain);
                try (ResultSet rs = select.executeQuery()) {
                    next = rs.next() ? Math.max(rs.getLong(1), earliestUs) + intervalUs : -1;
                }
            }
            String write = next < 0 ? "INSERT INTO domain_throttle (next_slot_us, domain) VALUES (?, ?)"
                : "UPDATE domain_throttle SET next_slot_us = ? WHERE domain = ?";
            next = next < 0 ? earliestUs + intervalUs : next;
            try (PreparedStatement ps = c.prepareStatement(write)) {
                ps.setLong(1, next);
                ps.setString(2, domain);
                ps.executeUpdate();
            }
            c.commit();
            return next;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    @Override
    public void forgetSlots(String domain) {
        query(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM domain_throttle WHERE domain = ?")) {
                ps.setString(1, domain);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public boolean claimStateChange(String domain, DomainState from, DomainState to, Instant at) {
        return query(c -> {
            for (int attempt = 0; attempt < UNIQUE_VIOLATION_ATTEMPTS; attempt++) {
                Optional<DomainState> recorded = recordedState(c, domain);
                if (!DomainStatsRepository.isNews(recorded.orElse(DomainState.NORMAL), from, to)) {
                    return false;
                }
                if (recorded.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO domain_state (domain, state, since) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                        ps.setString(1, domain);
                        ps.setString(2, to.name());
                        Columns.setInstant(ps, 3, at);
                        if (ps.executeUpdate() == 1) {
                            return true;
                        }
                    }
                    continue; // another server recorded it first: look again
                }
                // compare and set: only if no other server changed the row since it was read
                try (PreparedStatement ps = c.prepareStatement("UPDATE domain_state SET state = ?, since = ? WHERE domain = ? AND state = ?")) {
                    ps.setString(1, to.name());
                    Columns.setInstant(ps, 2, at);
                    ps.setString(3, domain);
                    ps.setString(4, recorded.get().name());
                    if (ps.executeUpdate() == 1) {
                        return true;
                    }
                }
            }
            return false;
        });
    }

    private static Optional<DomainState> recordedState(Connection c, String domain) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state FROM domain_state WHERE domain = ?")) {
            ps.setString(1, domain);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(DomainState.valueOf(rs.getString(1)));
                } catch (IllegalArgumentException e) {
                    return Optional.of(DomainState.NORMAL); // a state a newer version wrote: any change is news
                }
            }
        }
    }

    /** One batch row per counter that moved; outcome order 'attempt' first, then categories in enum order: the same for every server. */
    private static void addIncrements(PreparedStatement ps, List<RateIncrement> increments) throws SQLException {
        for (RateIncrement i : increments) {
            if (i.attempts() > 0) {
                bindIncrement(ps, i.domain(), i.bucket(), ATTEMPT, i.attempts());
            }
            for (Category category : Category.values()) {
                long n = i.bounces().getOrDefault(category, 0L);
                if (n > 0) {
                    bindIncrement(ps, i.domain(), i.bucket(), category.label(), n);
                }
            }
        }
    }

    private <T> T query(Connections.Work<T> work) {
        return Connections.withConnection(dataSource, work);
    }
}
