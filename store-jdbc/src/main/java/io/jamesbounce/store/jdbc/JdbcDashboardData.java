package io.jamesbounce.store.jdbc;

import static io.jamesbounce.store.jdbc.Columns.category;
import static io.jamesbounce.store.jdbc.Columns.instant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.core.rates.DomainState;
import io.jamesbounce.core.rates.WindowCounts;
import io.jamesbounce.store.Suppression;
import io.jamesbounce.store.dashboard.DashboardData;

/**
 * The dashboard's aggregates on the embedded H2 file database or PostgreSQL: each a {@code GROUP BY}
 * the database runs on its indexes (days and hours as whole seconds since the epoch divided down, the
 * same on both), so a store of a million suppressions returns a few thousand rows.
 */
public final class JdbcDashboardData implements DashboardData {
    private static final long DAY = 86_400;
    private static final long HOUR = 3_600;

    private final DataSource dataSource;

    /** Expects a migrated schema (any server or write command migrates it). */
    public JdbcDashboardData(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public List<DomainHour> domainHours(Instant from, Instant to) {
        return query(c -> {
            List<DomainHour> hours = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT domain, hour_start, outcome, total FROM domain_rate_hour "
                + "WHERE hour_start >= ? AND hour_start < ? ORDER BY domain, hour_start")) {
                setInstant(ps, 1, from);
                setInstant(ps, 2, to);
                try (ResultSet rs = ps.executeQuery()) {
                    String domain = null;
                    Instant hour = null;
                    long attempts = 0;
                    Map<Category, Long> bounces = new EnumMap<>(Category.class);
                    while (rs.next()) {
                        String d = rs.getString(1);
                        Instant h = instant(rs, 2);
                        if (domain != null && (!d.equals(domain) || !h.equals(hour))) {
                            hours.add(new DomainHour(hour, new WindowCounts(domain, attempts, bounces)));
                            attempts = 0;
                            bounces = new EnumMap<>(Category.class);
                        }
                        domain = d;
                        hour = h;
                        String outcome = rs.getString(3);
                        if (outcome.equals(JdbcDomainStatsRepository.ATTEMPT)) {
                            attempts += rs.getLong(4);
                        } else {
                            bounces.merge(category(outcome), rs.getLong(4), Long::sum);
                        }
                    }
                    if (domain != null) {
                        hours.add(new DomainHour(hour, new WindowCounts(domain, attempts, bounces)));
                    }
                }
            }
            return hours;
        });
    }

    @Override
    public List<RecordedState> domainStates() {
        return query(c -> {
            List<RecordedState> states = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT domain, state, since FROM domain_state ORDER BY domain");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try {
                        states.add(new RecordedState(rs.getString(1), DomainState.valueOf(rs.getString(2)), instant(rs, 3)));
                    } catch (IllegalArgumentException e) {
                        // a state a newer version wrote: not shown rather than shown wrong
                    }
                }
            }
            return states;
        });
    }

    @Override
    public List<SuppressionCount> suppressionsPerDay(Instant from, Instant to) {
        return query(c -> {
            List<SuppressionCount> counts = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT FLOOR(EXTRACT(EPOCH FROM suppressed_at) / " + DAY + ") AS d, category, source, "
                + "COUNT(*) FROM suppression WHERE suppressed_at >= ? AND suppressed_at < ? GROUP BY d, category, source ORDER BY d")) {
                setInstant(ps, 1, from);
                setInstant(ps, 2, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.add(new SuppressionCount(Instant.ofEpochSecond(rs.getLong(1) * DAY), category(rs.getString(2)),
                            EventSource.valueOf(rs.getString(3)), rs.getLong(4)));
                    }
                }
            }
            return counts;
        });
    }

    @Override
    public List<SuppressionCount> suppressionsInForce(Instant now) {
        return query(c -> {
            List<SuppressionCount> counts = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT category, source, COUNT(*) FROM suppression "
                + "WHERE expires_at IS NULL OR expires_at > ? GROUP BY category, source ORDER BY category, source")) {
                setInstant(ps, 1, now);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.add(new SuppressionCount(null, category(rs.getString(1)), EventSource.valueOf(rs.getString(2)), rs.getLong(3)));
                    }
                }
            }
            return counts;
        });
    }

    @Override
    public List<Suppression> newestSuppressions(int limit) {
        return query(c -> {
            List<Suppression> newest = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + JdbcSuppressionRepository.SUPPRESSION_COLUMNS
                + " FROM suppression ORDER BY suppressed_at DESC, address LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        newest.add(JdbcSuppressionRepository.suppression(rs));
                    }
                }
            }
            return newest;
        });
    }

    @Override
    public List<ReportHour> reportsPerHour(Instant from, Instant to) {
        return query(c -> {
            List<ReportHour> hours = new ArrayList<>();
            hours.addAll(reportHours(c, "bounce_event", "occurred_at", false, from, to));
            hours.addAll(reportHours(c, "untrusted_event", "recorded_at", true, from, to));
            return hours;
        });
    }

    private static List<ReportHour> reportHours(Connection c, String table, String time, boolean untrusted, Instant from, Instant to)
        throws SQLException {
        List<ReportHour> hours = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT FLOOR(EXTRACT(EPOCH FROM " + time + ") / " + HOUR + ") AS h, source, "
            + "COUNT(DISTINCT report_key) FROM " + table + " WHERE " + time + " >= ? AND " + time + " < ? GROUP BY h, source ORDER BY h")) {
            setInstant(ps, 1, from);
            setInstant(ps, 2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hours.add(new ReportHour(Instant.ofEpochSecond(rs.getLong(1) * HOUR), EventSource.valueOf(rs.getString(2)), untrusted,
                        rs.getLong(3)));
                }
            }
        }
        return hours;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T query(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw SuppressionStoreException.of(e);
        }
    }

    private static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        ps.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
    }
}
