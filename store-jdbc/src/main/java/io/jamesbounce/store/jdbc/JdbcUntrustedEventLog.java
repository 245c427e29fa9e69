package io.jamesbounce.store.jdbc;

import static io.jamesbounce.store.jdbc.Columns.instant;
import static io.jamesbounce.store.jdbc.Columns.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.trust.Trust;
import io.jamesbounce.store.UntrustedEvent;
import io.jamesbounce.store.UntrustedEventLog;

/**
 * The untrusted events in the suppression store's database (table {@code untrusted_event}): they
 * survive a restart and are shared by the servers of a cluster, as evidence of forgery attempts.
 */
public final class JdbcUntrustedEventLog implements UntrustedEventLog {
    /** The column's width: a detail names at most an address or a Message-ID. */
    static final int MAX_DETAIL = 2000;

    private final DataSource dataSource;

    private JdbcUntrustedEventLog(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** On a store whose schema is not touched (read-only tools): it must be at version 3 or later. */
    public static JdbcUntrustedEventLog existing(DataSource dataSource) {
        return new JdbcUntrustedEventLog(dataSource);
    }

    /** Migrates the schema if needed. */
    public static JdbcUntrustedEventLog create(DataSource dataSource) {
        SchemaMigrator.migrate(dataSource);
        return new JdbcUntrustedEventLog(dataSource);
    }

    @Override
    public boolean record(UntrustedEvent event) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO untrusted_event (" + EventColumns.NAMES
                 + ", reason, detail, recorded_at) VALUES (" + EventColumns.PLACEHOLDERS + ", ?, ?, ?) ON CONFLICT DO NOTHING")) {
            EventColumns.bind(ps, 1, event.event());
            int next = EventColumns.COUNT + 1;
            ps.setString(next, event.reason().name());
            String detail = event.detail();
            ps.setString(next + 1, detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL - 3) + "..." : detail);
            setInstant(ps, next + 2, event.recordedAt());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw SuppressionStoreException.of(e);
        }
    }

    @Override
    public List<UntrustedEvent> events(AddressKey address) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + EventColumns.NAMES
                 + ", reason, detail, recorded_at FROM untrusted_event WHERE address = ? ORDER BY id")) {
            ps.setString(1, address.value());
            List<UntrustedEvent> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int next = EventColumns.COUNT + 1;
                    out.add(new UntrustedEvent(EventColumns.read(rs, 1), reason(rs.getString(next)), rs.getString(next + 1),
                        instant(rs, next + 2)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw SuppressionStoreException.of(e);
        }
    }

    @Override
    public Map<Trust.Reason, Long> countByReason(Instant from, Instant to) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                 "SELECT reason, COUNT(*) FROM untrusted_event WHERE recorded_at >= ? AND recorded_at < ? GROUP BY reason")) {
            setInstant(ps, 1, from);
            setInstant(ps, 2, to);
            Map<Trust.Reason, Long> counts = new EnumMap<>(Trust.Reason.class);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(reason(rs.getString(1)), rs.getLong(2));
                }
            }
            return Map.copyOf(counts);
        } catch (SQLException e) {
            throw SuppressionStoreException.of(e);
        }
    }

    @Override
    public long purgeBefore(Instant before) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM untrusted_event WHERE recorded_at < ?")) {
            setInstant(ps, 1, before);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw SuppressionStoreException.of(e);
        }
    }

    private static Trust.Reason reason(String name) throws SQLException {
        try {
            return Trust.Reason.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new SQLException("unknown untrusted reason in the store: " + name, e);
        }
    }
}
