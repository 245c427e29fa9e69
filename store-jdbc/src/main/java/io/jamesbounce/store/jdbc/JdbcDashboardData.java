package io.jamesbounce.store.jdbc;

import static io.jamesbounce.store.jdbc.Columns.category;
import static io.jamesbounce.store.jdbc.Columns.instant;
import static io.jamesbounce.store.jdbc.Columns.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

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
    private static final long HOUR = 3_600;

    private final DataSource dataSource;

    /** Expects a migrated schema (any server or write command migrates it). */
    public JdbcDashboardData(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public List<WindowCounts> domainTotals(Instant from, Instant to) {
        return query(c -> {
            List<WindowCounts> totals = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT domain, outcome, SUM(total) FROM domain_rate_hour "
                + "WHERE hour_start >= ? AND hour_start < ? GROUP BY domain, outcome ORDER BY domain")) {
                setInstant(ps, 1, from);
                setInstant(ps, 2, to);
                try (ResultSet rs = ps.executeQuery()) {
                    Rows rows = new Rows();
                    while (rs.next()) {
                        rows.add(rs.getString(1), null, rs.getString(2), rs.getLong(3));
                    }
                    rows.flush();
                    rows.hours.forEach(h -> totals.add(h.counts()));
                }
            }
            return totals;
        });
    }

    @Override
    public List<DomainHour> domainHours(Collection<String> domains, Instant from, Instant to) {
        if (domains.isEmpty()) {
            return List.of();
        }
        return query(c -> {
            String in = String.join(", ", Collections.nCopies(domains.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement("SELECT domain, hour_start, outcome, total FROM domain_rate_hour "
                + "WHERE domain IN (" + in + ") AND hour_start >= ? AND hour_start < ? ORDER BY domain, hour_start")) {
                int i = 1;
                for (String domain : domains) {
                    ps.setString(i++, domain);
                }
                setInstant(ps, i++, from);
                setInstant(ps, i, to);
                try (ResultSet rs = ps.executeQuery()) {
                    Rows rows = new Rows();
                    while (rs.next()) {
                        rows.add(rs.getString(1), instant(rs, 2), rs.getString(3), rs.getLong(4));
                    }
                    rows.flush();
                    return rows.hours;
                }
            }
        });
    }

    /** Outcome rows, in (domain, hour) order, folded into one count per domain and hour. */
    private static final class Rows {
        final List<DomainHour> hours = new ArrayList<>();
        private String domain;
        private Instant hour;
        private long attempts;
        private Map<Category, Long> bounces = new EnumMap<>(Category.class);

        void add(String d, Instant h, String outcome, long total) throws SQLException {
            if (domain != null && (!d.equals(domain) || !Objects.equals(h, hour))) {
                flush();
            }
            domain = d;
            hour = h;
            if (outcome.equals(JdbcDomainStatsRepository.ATTEMPT)) {
                attempts += total;
            } else {
                bounces.merge(category(outcome), total, Long::sum);
            }
        }

        void flush() {
            if (domain != null) {
                hours.add(new DomainHour(hour == null ? Instant.EPOCH : hour, new WindowCounts(domain, attempts, bounces)));
            }
            domain = null;
            attempts = 0;
            bounces = new EnumMap<>(Category.class);
        }
    }

    @Override
    public Map<String, Instant> nextSendSlots() {
        return query(c -> {
            Map<String, Instant> slots = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT domain, next_slot_us FROM domain_throttle");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    slots.put(rs.getString(1), Instant.EPOCH.plus(rs.getLong(2), ChronoUnit.MICROS));
                }
            }
            return slots;
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
    public List<SuppressionCount> suppressions(Instant now) {
        return query(c -> {
            List<SuppressionCount> counts = new ArrayList<>();
            // one pass over the list: on H2 a scan of a million rows costs about two seconds, so not two of them
            try (PreparedStatement ps = c.prepareStatement("SELECT CAST(suppressed_at AT TIME ZONE 'UTC' AS DATE) AS d, category, source, "
                + "CASE WHEN expires_at IS NULL OR expires_at > ? THEN 1 ELSE 0 END AS f, COUNT(*) FROM suppression "
                + "GROUP BY d, category, source, f ORDER BY d")) {
                setInstant(ps, 1, now);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.add(new SuppressionCount(rs.getObject(1, LocalDate.class), category(rs.getString(2)),
                            EventSource.valueOf(rs.getString(3)), rs.getInt(4) == 1, rs.getLong(5)));
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
            hours.addAll(reportHours(c, "bounce_event", "received_at", false, from, to));
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

    private <T> T query(Connections.Work<T> work) {
        return Connections.withConnection(dataSource, work);
    }
}
