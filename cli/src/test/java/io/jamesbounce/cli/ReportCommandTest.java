package io.jamesbounce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.core.rates.DomainState;
import io.jamesbounce.core.rates.RateBatch;
import io.jamesbounce.core.rates.RateIncrement;
import io.jamesbounce.core.trust.Trust;
import io.jamesbounce.store.Suppression;
import io.jamesbounce.store.UntrustedEvent;
import io.jamesbounce.store.jdbc.EmbeddedH2;
import io.jamesbounce.store.jdbc.JdbcDomainStatsRepository;
import io.jamesbounce.store.jdbc.JdbcSuppressionRepository;
import io.jamesbounce.store.jdbc.JdbcUntrustedEventLog;

class ReportCommandTest {
    private static final Instant NOW = CliRun.NOW;

    @TempDir
    Path dir;

    @Test
    void theReportShowsTheThrottledDomainTheCategoriesTheNewestAndTheUntrustedReports() throws Exception {
        Path jamesData = dir.resolve("var");
        JdbcConnectionPool pool = EmbeddedH2.dataSource(jamesData);
        try {
            JdbcDomainStatsRepository rates = JdbcDomainStatsRepository.create(pool);
            List<RateIncrement> increments = new ArrayList<>();
            // the last ten minutes: 7 % hard bounces, over the 5 % that throttles
            increments.add(new RateIncrement("bad.example", NOW.minus(Duration.ofMinutes(10)), 100, Map.of(Category.USER_UNKNOWN, 7L)));
            for (int hour = 2; hour <= 30; hour++) {
                Instant bucket = NOW.minus(Duration.ofHours(hour));
                increments.add(new RateIncrement("bad.example", bucket, 100, Map.of(Category.USER_UNKNOWN, 12L)));
                increments.add(new RateIncrement("good.example", bucket, 200, Map.of(Category.MAILBOX_FULL, 1L)));
            }
            rates.add(new RateBatch(increments.stream().sorted(Comparator.comparing(RateIncrement::domain)
                .thenComparing(RateIncrement::bucket)).toList(), List.of()));
            rates.claimStateChange("bad.example", DomainState.NORMAL, DomainState.THROTTLED, NOW.minus(Duration.ofMinutes(20)));
            // five mails given the domain's slots at 60 a minute: the first goes now, four wait
            for (int i = 0; i < 5; i++) {
                rates.reserveSlot("bad.example", NOW, Duration.ofSeconds(1));
            }

            JdbcSuppressionRepository store = JdbcSuppressionRepository.create(pool);
            store.suppress(new Suppression(AddressKey.of("alice@bad.example"), Category.USER_UNKNOWN, EventSource.DSN, "hard-at-once",
                NOW.minus(Duration.ofHours(2)), Optional.empty(), Optional.of("<r1@mx>"), Optional.of(new ReplyCode(550)),
                Optional.of(EnhancedStatus.of("5.1.1")), Optional.of("550 5.1.1 <alice@bad.example>: User unknown"), Optional.empty(),
                Optional.empty()));
            store.suppress(Suppression.of(AddressKey.of("bob@good.example"), Category.COMPLAINT, EventSource.ARF, "complaint",
                NOW.minus(Duration.ofDays(3)), Optional.empty()));
            store.suppress(Suppression.of(AddressKey.of("carol@good.example"), Category.MAILBOX_DISABLED, EventSource.MANUAL, "manual",
                NOW.minus(Duration.ofDays(40)), Optional.empty()));
            store.recordEvent(BounceEvent.bare("<r1@mx>", AddressKey.of("alice@bad.example"), NOW.minus(Duration.ofHours(2)), EventSource.DSN,
                Category.USER_UNKNOWN, "status.user-unknown"));
            JdbcUntrustedEventLog.create(pool).record(new UntrustedEvent(BounceEvent.bare("<forged@x>", AddressKey.of("dave@good.example"),
                NOW.minus(Duration.ofHours(1)), EventSource.DSN, Category.USER_UNKNOWN, "status.user-unknown"),
                Trust.Reason.SIGNATURE_INVALID, "forged", NOW.minus(Duration.ofHours(1))));
        } finally {
            pool.dispose();
        }
        Path html = dir.resolve("report.html");

        CliRun run = CliRun.of("report", "--h2", jamesData.toString(), "--html", html.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("2 domains, 3 suppressions in force");
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertThat(page).startsWith("<!DOCTYPE html>").doesNotContain("http://").doesNotContain("https://");
        assertThat(page).contains("<article class=\"card domain\" data-domain=\"bad.example\"><h3>bad.example <span class=\"badge throttled\">")
            .contains("Throttled since <time datetime=\"2025-06-01T11:40:00Z\">")
            .contains("hard-bounce rate 7.00% over the last 1 h (7 of 100 attempts), threshold 5.00% for THROTTLED. Held: 4.");
        assertThat(page).contains("<tr data-category=\"user-unknown\">").contains("<tr data-category=\"complaint\">")
            .contains("<tr data-category=\"mailbox-disabled\">");
        assertThat(page).contains("550 5.1.1 &lt;alice@bad.example&gt;: User unknown");
        // by source over the 30 days drawn: the manual one, 40 days old, is in force but not drawn
        assertThat(page).contains("arf 1, <span class=\"swatch\" style=\"background:#2e86c1\"></span>dsn 1</p>");
        assertThat(page).contains("data-kind=\"untrusted\">untrusted 1</span>");
        // the domains' newest first, the week's hours drawn: 24 + 168 points per series
        assertThat(page.indexOf("data-domain=\"bad.example\"")).isLessThan(page.indexOf("data-domain=\"good.example\""));
    }

    @Test
    void anEmptyStoreSaysWhatWillAppear() throws Exception {
        Path jamesData = dir.resolve("var");
        JdbcConnectionPool pool = EmbeddedH2.dataSource(jamesData);
        try {
            JdbcSuppressionRepository.create(pool);
        } finally {
            pool.dispose();
        }
        Path html = dir.resolve("empty.html");

        CliRun run = CliRun.of("report", "--h2", jamesData.toString(), "--html", html.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(html)).contains("No delivery attempt recorded in the last 7 days")
            .contains("No address is suppressed").contains("No report in the last 7 days");
    }
}
