package io.jamesbounce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.store.Suppression;
import io.jamesbounce.store.jdbc.EmbeddedH2;
import io.jamesbounce.store.jdbc.JdbcSuppressionRepository;

class ScanCommandTest {
    @TempDir
    Path dir;

    /** The figures of a summary table, by label. */
    static Map<String, Long> figures(String summary) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : summary.lines().toList()) {
            Matcher m = FIGURE.matcher(line);
            if (m.matches()) {
                out.put(m.group(1), Long.parseLong(m.group(2)));
            }
        }
        return out;
    }

    private static final Pattern FIGURE = Pattern.compile(" *(.+?) +(\\d+)");

    /** The figures of a first scan of {@code n} generated messages (n a multiple of five). */
    private static Map<String, Long> firstScan(int n) {
        long each = n / GeneratedBacklog.KINDS;
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("messages", (long) n);
        expected.put("bounce", 4 * each);
        expected.put("feedback", each);
        expected.put("auto-reply", 0L);
        expected.put("not-bounce", 0L);
        expected.put("unparseable", 0L);
        expected.put("user-unknown", each);
        expected.put("bad-domain", each);
        expected.put("mailbox-full", each);
        expected.put("spam", each);
        expected.put("complaint", each);
        expected.put("(recipient unusable, skipped)", 0L);
        expected.put("suppress", 3 * each);
        expected.put("soft-streak-pending", each);
        expected.put("count-against-domain", each);
        expected.put("addresses suppressed", 3 * each);
        return expected;
    }

    private List<Suppression> stored(Path jamesData) {
        JdbcConnectionPool pool = EmbeddedH2.dataSource(jamesData);
        try {
            List<Suppression> all = new ArrayList<>();
            new JdbcSuppressionRepository(pool).forEachSuppression(all::add);
            return all;
        } finally {
            pool.dispose();
        }
    }

    private int events(Path jamesData, int n) {
        JdbcConnectionPool pool = EmbeddedH2.dataSource(jamesData);
        try {
            JdbcSuppressionRepository repository = new JdbcSuppressionRepository(pool);
            int count = 0;
            for (int i = 0; i < n; i++) {
                count += repository.events(AddressKey.of(GeneratedBacklog.recipient(i))).size();
            }
            return count;
        } finally {
            pool.dispose();
        }
    }

    @Test
    void scanningABacklogTwiceShouldRecordEveryReportOnceAndSummariseEachRun() throws Exception {
        Path maildir = GeneratedBacklog.maildir(dir.resolve("maildir"), 2000);
        Path jamesData = dir.resolve("var");

        CliRun first = CliRun.scan(maildir.toString(), "--h2", jamesData.toString());

        assertThat(first.exitCode()).isZero();
        assertThat(figures(first.out())).containsExactlyEntriesOf(firstScan(2000));
        assertThat(first.out()).contains("REPORTS BY KIND\n", "RECORDS BY CATEGORY\n", "DECISIONS BY OUTCOME\n");
        List<Suppression> afterFirst = stored(jamesData);
        assertThat(afterFirst).hasSize(1200);
        assertThat(events(jamesData, 2000)).isEqualTo(2000);

        CliRun second = CliRun.scan(maildir.toString(), "--h2", jamesData.toString());

        assertThat(figures(second.out())).containsEntry("duplicate", 2000L).containsEntry("addresses suppressed", 0L)
            .doesNotContainKeys("suppress", "soft-streak-pending", "count-against-domain");
        assertThat(stored(jamesData)).isEqualTo(afterFirst);
        assertThat(events(jamesData, 2000)).isEqualTo(2000);
    }

    @Test
    void theSameReportsInAnMboxShouldBeKeyedAsInAMaildirEvenWithoutMessageId() throws Exception {
        Path mbox = GeneratedBacklog.mbox(dir.resolve("bounces.mbox"), 500);
        Path maildir = GeneratedBacklog.maildir(dir.resolve("maildir"), 500);
        Path jamesData = dir.resolve("var");

        CliRun fromMbox = CliRun.scan("--mbox", mbox.toString(), "--h2", jamesData.toString());
        CliRun fromMaildir = CliRun.scan(maildir.toString(), "--h2", jamesData.toString());

        assertThat(figures(fromMbox.out())).containsExactlyEntriesOf(firstScan(500));
        assertThat(figures(fromMaildir.out())).containsEntry("duplicate", 500L).containsEntry("addresses suppressed", 0L)
            .doesNotContainKeys("suppress");
        assertThat(events(jamesData, 500)).isEqualTo(500);
    }

    @Test
    void aDryRunShouldDecideAgainstTheStoreWithoutWritingToIt() throws Exception {
        Path jamesData = dir.resolve("var");
        CliRun.scan(GeneratedBacklog.maildir(dir.resolve("first"), 100).toString(), "--h2", jamesData.toString());

        CliRun dryRun = CliRun.scan(GeneratedBacklog.maildir(dir.resolve("all"), 500).toString(), "--h2", jamesData.toString(), "--dry-run");

        assertThat(dryRun.out()).contains("DECISIONS BY OUTCOME (dry run: nothing stored)");
        assertThat(figures(dryRun.out())).containsEntry("suppress", 240L).containsEntry("soft-streak-pending", 80L)
            .containsEntry("count-against-domain", 80L).containsEntry("duplicate", 100L)
            .containsEntry("addresses that would be suppressed", 240L);
        assertThat(stored(jamesData)).hasSize(60);
        assertThat(events(jamesData, 500)).isEqualTo(100);
    }

    @Test
    void progressShouldBePlainPeriodicLinesOnStderrWhenNotOnATerminal() throws Exception {
        Path maildir = GeneratedBacklog.maildir(dir.resolve("maildir"), 30);
        Files.writeString(maildir.resolve("cur").resolve("zz-not-a-report"), "Subject: hello\n\nhi\n");
        Files.writeString(maildir.resolve("tmp").resolve("being-delivered"), GeneratedBacklog.message(0));

        CliRun run = CliRun.scan(maildir.toString(), "--h2", dir.resolve("var").toString());

        // the fake clock moves one second per reading: a line every ten messages, and a last one
        List<String> lines = run.err().lines().filter(l -> l.startsWith("scan: ")).toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.subList(0, 3)).allMatch(l -> l.matches("scan: +\\d+%  [\\d,]+ msgs  [\\d,]+ msgs/s  ETA \\d+:\\d\\d:\\d\\d"));
        assertThat(lines.get(0)).isEqualTo("scan:  33%  10 msgs  1 msgs/s  ETA 0:00:20");
        assertThat(lines.get(3)).matches("scan: 100%  31 msgs  1 msgs/s  in 0:00:3\\d");
        // the message being delivered into tmp is not part of the backlog
        assertThat(figures(run.out())).containsEntry("messages", 31L).containsEntry("not-bounce", 1L);
    }
}
