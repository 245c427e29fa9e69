package io.jamesbounce.store.jdbc;

import static io.jamesbounce.store.jdbc.Columns.category;
import static io.jamesbounce.store.jdbc.Columns.instant;
import static io.jamesbounce.store.jdbc.Columns.integer;
import static io.jamesbounce.store.jdbc.Columns.setInstant;
import static io.jamesbounce.store.jdbc.Columns.setInteger;
import static io.jamesbounce.store.jdbc.Columns.setString;
import static io.jamesbounce.store.jdbc.Columns.string;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.FeedbackType;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.EventSource;

/** A {@link BounceEvent} as the 13 columns that {@code bounce_event} and {@code untrusted_event} share, in this order. */
final class EventColumns {
    static final String NAMES = "report_key, address, domain, occurred_at, source, category, rule_id, "
        + "reply_code, enhanced_status, diagnostic, reporting_mta, original_message_id, feedback_type";
    static final String PLACEHOLDERS = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";
    static final int COUNT = 13;

    private EventColumns() {
    }

    /** Binds the event to parameters {@code first} to {@code first + 12}. */
    static void bind(PreparedStatement ps, int first, BounceEvent event) throws SQLException {
        ps.setString(first, event.reportKey());
        ps.setString(first + 1, event.recipient().value());
        ps.setString(first + 2, event.recipient().domain());
        setInstant(ps, first + 3, event.occurredAt());
        ps.setString(first + 4, event.source().name());
        ps.setString(first + 5, event.category().label());
        ps.setString(first + 6, event.ruleId());
        setInteger(ps, first + 7, event.replyCode().map(ReplyCode::value));
        setString(ps, first + 8, event.status().map(EnhancedStatus::toString));
        setString(ps, first + 9, event.diagnostic());
        setString(ps, first + 10, event.reportingMta());
        setString(ps, first + 11, event.originalMessageId());
        setString(ps, first + 12, event.feedbackType().map(FeedbackType::token));
    }

    /** Reads the event from columns {@code first} to {@code first + 12} of the current row. */
    static BounceEvent read(ResultSet rs, int first) throws SQLException {
        return new BounceEvent(rs.getString(first), new AddressKey(rs.getString(first + 1)), instant(rs, first + 3),
            EventSource.valueOf(rs.getString(first + 4)), category(rs.getString(first + 5)), rs.getString(first + 6),
            integer(rs, first + 7).map(ReplyCode::new), string(rs, first + 8).map(EnhancedStatus::of), string(rs, first + 9),
            string(rs, first + 10), string(rs, first + 11), string(rs, first + 12).map(FeedbackType::parse));
    }
}
