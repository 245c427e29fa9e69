package io.jamesbounce.store.exchange;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.store.Suppression;

/** The columns of a suppression list (CSV header names, JSONL member names) and an entry's values in them. */
public final class SuppressionColumns {
    public static final String ADDRESS = "address";
    public static final String CATEGORY = "category";
    public static final String SOURCE = "source";
    public static final String RULE = "rule";
    public static final String SUPPRESSED_AT = "suppressed_at";
    public static final String EXPIRES_AT = "expires_at";
    public static final String REPORT_KEY = "report_key";
    public static final String REPLY_CODE = "reply_code";
    public static final String STATUS = "status";
    public static final String DIAGNOSTIC = "diagnostic";
    public static final String REPORTING_MTA = "reporting_mta";
    public static final String ORIGINAL_MESSAGE_ID = "original_message_id";

    /** Every column, in the order they are written. */
    public static final List<String> COLUMNS = List.of(ADDRESS, CATEGORY, SOURCE, RULE, SUPPRESSED_AT, EXPIRES_AT,
        REPORT_KEY, REPLY_CODE, STATUS, DIAGNOSTIC, REPORTING_MTA, ORIGINAL_MESSAGE_ID);

    /** The store's column widths: a longer value is rejected here rather than failing a whole batch in the database. */
    static final Map<String, Integer> MAX_LENGTH = Map.of(ADDRESS, 512, RULE, 128, REPORT_KEY, 998,
        DIAGNOSTIC, 100_000, REPORTING_MTA, 1000, ORIGINAL_MESSAGE_ID, 998);

    private SuppressionColumns() {
    }

    /** The values of {@code s}, one per column of {@link #COLUMNS}, in that order. */
    static List<Optional<String>> values(Suppression s) {
        return List.of(Optional.of(s.address().value()), Optional.of(s.category().label()), Optional.of(s.source().label()),
            Optional.of(s.ruleId()), Optional.of(s.suppressedAt().toString()), s.expiresAt().map(Instant::toString),
            s.reportKey(), s.replyCode().map(ReplyCode::toString), s.status().map(EnhancedStatus::toString),
            s.diagnostic(), s.reportingMta(), s.originalMessageId());
    }
}
