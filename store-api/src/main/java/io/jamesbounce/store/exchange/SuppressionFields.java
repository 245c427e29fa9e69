package io.jamesbounce.store.exchange;

import static io.jamesbounce.store.exchange.SuppressionColumns.ADDRESS;
import static io.jamesbounce.store.exchange.SuppressionColumns.CATEGORY;
import static io.jamesbounce.store.exchange.SuppressionColumns.DIAGNOSTIC;
import static io.jamesbounce.store.exchange.SuppressionColumns.EXPIRES_AT;
import static io.jamesbounce.store.exchange.SuppressionColumns.MAX_LENGTH;
import static io.jamesbounce.store.exchange.SuppressionColumns.ORIGINAL_MESSAGE_ID;
import static io.jamesbounce.store.exchange.SuppressionColumns.REPLY_CODE;
import static io.jamesbounce.store.exchange.SuppressionColumns.REPORTING_MTA;
import static io.jamesbounce.store.exchange.SuppressionColumns.REPORT_KEY;
import static io.jamesbounce.store.exchange.SuppressionColumns.RULE;
import static io.jamesbounce.store.exchange.SuppressionColumns.SOURCE;
import static io.jamesbounce.store.exchange.SuppressionColumns.STATUS;
import static io.jamesbounce.store.exchange.SuppressionColumns.SUPPRESSED_AT;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.core.policy.LocalPartMatching;
import io.jamesbounce.store.Suppression;

/** Turns the named values of one record, whatever its format, into an entry, or says which value is wrong. */
record SuppressionFields(LocalPartMatching matching, Instant importedAt) {
    SuppressionFields {
        Objects.requireNonNull(matching, "matching");
        Objects.requireNonNull(importedAt, "importedAt");
    }

    ImportRow row(long line, Map<String, Optional<String>> values) {
        try {
            return new ImportRow.Accepted(line, suppression(values));
        } catch (IllegalArgumentException e) {
            return new ImportRow.Rejected(line, e.getMessage());
        }
    }

    private Suppression suppression(Map<String, Optional<String>> v) {
        for (Map.Entry<String, Integer> max : MAX_LENGTH.entrySet()) {
            Optional<String> value = v.getOrDefault(max.getKey(), Optional.empty());
            if (value.isPresent() && value.get().length() > max.getValue()) {
                throw new IllegalArgumentException(max.getKey() + " longer than " + max.getValue() + " characters");
            }
        }
        String rawAddress = required(v, ADDRESS);
        AddressKey address;
        try {
            address = AddressKey.of(rawAddress, matching);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad address '" + rawAddress + "': " + e.getMessage());
        }
        String rawCategory = required(v, CATEGORY);
        Category category = Category.fromLabel(rawCategory).orElseThrow(() -> new IllegalArgumentException(
            "unknown category '" + rawCategory + "' (known: " + String.join(", ",
                Arrays.stream(Category.values()).map(Category::label).toList()) + ")"));
        EventSource source = optional(v, SOURCE).map(raw -> EventSource.fromLabel(raw).orElseThrow(() -> new IllegalArgumentException(
            "unknown source '" + raw + "' (known: " + String.join(", ",
                Arrays.stream(EventSource.values()).map(EventSource::label).toList()) + ")"))).orElse(EventSource.IMPORT);
        String rule = optional(v, RULE).orElse(Suppression.IMPORT_RULE);
        Instant suppressedAt = optional(v, SUPPRESSED_AT).map(raw -> instant(SUPPRESSED_AT, raw)).orElse(importedAt);
        Optional<Instant> expiresAt = optional(v, EXPIRES_AT).map(raw -> instant(EXPIRES_AT, raw));
        if (expiresAt.isPresent() && !expiresAt.get().isAfter(suppressedAt)) {
            throw new IllegalArgumentException("expires_at " + expiresAt.get() + " is not after suppressed_at " + suppressedAt);
        }
        Optional<ReplyCode> replyCode = optional(v, REPLY_CODE).map(raw -> ReplyCode.parse(raw).orElseThrow(() ->
            new IllegalArgumentException("bad reply_code '" + raw + "': expected three digits 200..559")));
        Optional<EnhancedStatus> status = optional(v, STATUS).map(raw -> {
            EnhancedStatus parsed = EnhancedStatus.parse(raw).orElse(null);
            if (parsed == null || !parsed.toString().equals(raw.trim())) {
                throw new IllegalArgumentException("bad status '" + raw + "': expected an enhanced status code like 5.1.1");
            }
            return parsed;
        });
        return new Suppression(address, category, source, rule, suppressedAt, expiresAt,
            v.getOrDefault(REPORT_KEY, Optional.empty()), replyCode, status, v.getOrDefault(DIAGNOSTIC, Optional.empty()),
            v.getOrDefault(REPORTING_MTA, Optional.empty()), v.getOrDefault(ORIGINAL_MESSAGE_ID, Optional.empty()));
    }

    private static String required(Map<String, Optional<String>> v, String name) {
        return optional(v, name).orElseThrow(() -> new IllegalArgumentException("no " + name));
    }

    /** A value that is absent or blank takes its default. */
    private static Optional<String> optional(Map<String, Optional<String>> v, String name) {
        return v.getOrDefault(name, Optional.empty()).filter(s -> !s.isBlank());
    }

    private static Instant instant(String name, String raw) {
        String value = raw.trim();
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException again) {
                throw new IllegalArgumentException("bad " + name + " '" + raw + "': expected an ISO-8601 time like 2025-03-01T08:00:00Z");
            }
        }
    }
}
