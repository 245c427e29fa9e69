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

    /**
     * An instant as ISO-8601 text, for a parameter the SQL writes {@code CAST(? AS TIMESTAMP WITH TIME ZONE)}:
     * on statements run for every mail. Why: the PostgreSQL driver formats a timestamp parameter through
     * a calendar it builds for each statement, which was a third of the sent-message INSERT's cost in
     * the relay's profile ({@code scripts/load-james}); both databases read the text as it is.
     */
    static void setInstantText(PreparedStatement ps, int index, Instant value) throws SQLException {
        ps.setString(index, value.toString());
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
