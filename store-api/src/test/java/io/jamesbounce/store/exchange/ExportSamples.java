package io.jamesbounce.store.exchange;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.store.Suppression;

/**
 * Entries whose export files (src/test/resources/exchange/export-843e08c.*) were written by the
 * hand-written codec of commit 843e08c, before Commons CSV and Jackson: every value a writer could
 * quote, escape or mark differently.
 */
final class ExportSamples {
    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

    static final List<Suppression> ENTRIES = List.of(
        new Suppression(AddressKey.of("\"john,doe\"@example.org"), Category.USER_UNKNOWN, EventSource.DSN, "hard-at-once",
            Instant.parse("2025-03-01T08:00:00.123456Z"), Optional.empty(), Optional.of("<dsn-1@mx.example.net>"),
            Optional.of(new ReplyCode(550)), Optional.of(EnhancedStatus.of("5.1.1")),
            Optional.of("smtp; 550 5.1.1 <john,doe@example.org>: \"User unknown\",\r\n  see https://x.example/a?b=1,c=2\n\ttab \\ é ✓"),
            Optional.of("dns; mx.example.net"), Optional.of("<news-42@example.com>")),
        new Suppression(AddressKey.of("bob@example.net"), Category.MAILBOX_FULL, EventSource.SYNCHRONOUS_DELIVERY_FAILURE,
            "soft-streak-exceeded", T0, Optional.of(T0.plusSeconds(86_400 * 90)), Optional.of("sha256:00ff"), Optional.empty(),
            Optional.empty(), Optional.of(""), Optional.empty(), Optional.empty()),
        Suppression.of(AddressKey.of("carol@example.com"), Category.COMPLAINT, EventSource.MANUAL, Suppression.MANUAL_RULE, T0,
            Optional.empty()),
        new Suppression(AddressKey.of("victim@example.org"), Category.USER_UNKNOWN, EventSource.DSN, "hard-at-once", T0,
            Optional.empty(), Optional.of("@SUM(1+9)*cmd|' /C calc'!A0"), Optional.of(new ReplyCode(550)),
            Optional.of(EnhancedStatus.of("5.1.1")), Optional.of("=HYPERLINK(\"http://evil.test/\",\"click\")"),
            Optional.of("+2+5+cmd|' /C calc'!A0"), Optional.of("-1+1")),
        new Suppression(AddressKey.of("quote@example.org"), Category.USER_UNKNOWN, EventSource.ARF, "complaint", T0,
            Optional.empty(), Optional.of("'o'neil"), Optional.empty(), Optional.empty(), Optional.of("'=already quoted"),
            Optional.of("\ttab first"), Optional.of("\rcarriage return first")),
        new Suppression(AddressKey.of("controls@example.org"), Category.BLOCKED, EventSource.IMPORT, "import", T0,
            Optional.empty(), Optional.of("key \"quoted\" \\ back"), Optional.of(new ReplyCode(554)),
            Optional.of(EnhancedStatus.of("5.7.1")),
            Optional.of("ctl \u0000\u0001\b\f\u000b\u001b\u001f del\u007f / </script> \u2028\u2029 \ud83d\ude00 é 日本 \ufeff"),
            Optional.of(" leading space"), Optional.of("trailing space ")),
        new Suppression(AddressKey.of("spreadsheet@example.org"), Category.POLICY, EventSource.DSN, "hard-at-once", T0,
            Optional.empty(), Optional.of("#hash first"), Optional.empty(), Optional.empty(), Optional.of("!bang first"),
            Optional.of("\"quote first"), Optional.of("ends with a tab\t")));

    private ExportSamples() {
    }
}
