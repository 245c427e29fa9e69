package io.jamesbounce.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import io.jamesbounce.core.model.Category;

/** How values are written to and read from a row: instants as UTC timestamps, absent values as NULL. */
final class Columns {
    private Columns() {
    }

    static Category category(String label) throws SQLException {
        return Category.fromLabel(label).orElseThrow(() -> new SQLException("unknown category in the store: " + label));
    }

    static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        ps.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
    }

    static void setInstant(PreparedStatement ps, int index, Optional<Instant> value) throws SQLException {
        if (value.isPresent()) {
            setInstant(ps, index, value.get());
        } else {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    static void setString(PreparedStatement ps, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            ps.setString(index, value.get());
        } else {
            ps.setNull(index, Types.VARCHAR);
        }
    }

    static void setInteger(PreparedStatement ps, int index, Optional<Integer> value) throws SQLException {
        if (value.isPresent()) {
            ps.setInt(index, value.get());
        } else {
            ps.setNull(index, Types.INTEGER);
        }
    }

    static Instant instant(ResultSet rs, int index) throws SQLException {
        return rs.getObject(index, OffsetDateTime.class).toInstant();
    }

    static Optional<Instant> optionalInstant(ResultSet rs, int index) throws SQLException {
        return Optional.ofNullable(rs.getObject(index, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    static Optional<String> string(ResultSet rs, int index) throws SQLException {
        return Optional.ofNullable(rs.getString(index));
    }

    static Optional<Integer> integer(ResultSet rs, int index) throws SQLException {
        int value = rs.getInt(index);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }
}
