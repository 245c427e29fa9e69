package io.jamesbounce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.FeedbackType;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.core.trust.Trust;
import io.jamesbounce.store.AuditEntry;
import io.jamesbounce.store.AuditEntry.AuditAction;
import io.jamesbounce.store.Change;
import io.jamesbounce.store.Suppression;
import io.jamesbounce.store.UntrustedEvent;
import io.jamesbounce.store.jdbc.EmbeddedH2;
import io.jamesbounce.store.jdbc.JdbcSuppressionRepository;
import io.jamesbounce.store.jdbc.JdbcUntrustedEventLog;

class SuppressionsCommandTest {
    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final String DIAGNOSTIC = "smtp; 550-5.1.1 <a@example.org>: \"no such user\", sorry\r\n550 5.1.1 see https://x.example/?a=1,b=2";

    @TempDir
    Path dir;
    private Path jamesData;

    @BeforeEach
    void locateStore() {
        jamesData = dir.resolve("var");
    }

    /** Works on the store directly, as James would, then closes it so the command can open the file. */
    private <T> T withStore(java.util.function.Function<JdbcSuppressionRepository, T> work) {
        JdbcConnectionPool pool = EmbeddedH2.dataSource(jamesData);
        try {
            return work.apply(JdbcSuppressionRepository.create(pool));
        } finally {
            pool.dispose();
        }
    }

    private Optional<Suppression> find(AddressKey address) {
        return withStore(r -> r.find(address));
    }

    private List<AuditEntry> audit(AddressKey address) {
        return withStore(r -> r.auditHistory(address));
    }

    private static Suppression entry(String address, Category category, EventSource source, Instant at) {
        return Suppression.of(AddressKey.of(address), category, source, "hard-at-once", at, Optional.empty());
    }

    private CliRun suppressions(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command, "--h2", jamesData.toString()));
        all.addAll(List.of(args));
        return CliRun.suppressions(all.toArray(String[]::new));
    }

    private static List<String> addresses(CliRun list) {
        return list.out().lines().skip(1).map(l -> l.split(" +")[0]).filter(a -> a.contains("@")).toList();
    }

    @Nested
    class ListCommand {
        @BeforeEach
        void sevenEntries() {
            withStore(r -> {
                r.suppress(entry("a@example.org", Category.USER_UNKNOWN, EventSource.DSN, T0));
                r.suppress(entry("b@example.org", Category.COMPLAINT, EventSource.ARF, T0.plusSeconds(86_400)));
                r.suppress(entry("c@example.org", Category.BAD_DOMAIN, EventSource.DSN, T0.plusSeconds(2 * 86_400)));
                r.suppress(entry("d@example.net", Category.USER_UNKNOWN, EventSource.MANUAL, T0.plusSeconds(3 * 86_400)));
                r.suppress(entry("e@example.net", Category.USER_UNKNOWN, EventSource.DSN, T0.plusSeconds(4 * 86_400)));
                r.suppress(Suppression.of(AddressKey.of("f@example.com"), Category.MAILBOX_FULL, EventSource.DSN, "soft-streak-exceeded",
                    T0, Optional.of(T0.plusSeconds(90L * 86_400))));
                r.suppress(entry("g@example.com", Category.SPAM, EventSource.IMPORT, T0.plusSeconds(5 * 86_400)));
                return null;
            });
        }

        @Test
        void entriesShouldBeAnAlignedTableInAddressOrder() throws Exception {
            CliRun run = suppressions("list", "--domain", "EXAMPLE.com");

            assertThat(run.out()).isEqualTo("""
                ADDRESS        CATEGORY      SOURCE  RULE                  SUPPRESSED            EXPIRES                         STATUS  REPLY  DIAGNOSTIC
                f@example.com  mailbox-full  dsn     soft-streak-exceeded  2025-03-01T08:00:00Z  2025-05-30T08:00:00Z (expired)  -       -      -
                g@example.com  spam          import  hard-at-once          2025-03-06T08:00:00Z  never                           -       -      -
                2 entries; last page
                """);
        }

        @Test
        void filtersShouldCombine() throws Exception {
            assertThat(addresses(suppressions("list", "--category", "user-unknown"))).containsExactly("a@example.org", "d@example.net", "e@example.net");
            assertThat(addresses(suppressions("list", "--category", "user-unknown", "--source", "dsn"))).containsExactly("a@example.org", "e@example.net");
            assertThat(addresses(suppressions("list", "--from", "2025-03-02", "--to", "2025-03-05"))).containsExactly("b@example.org", "c@example.org", "d@example.net");
            assertThat(addresses(suppressions("list", "--from", "2025-03-05T08:00:00Z", "--domain", "example.net"))).containsExactly("e@example.net");
            assertThat(addresses(suppressions("list", "--address", "B@Example.org"))).containsExactly("b@example.org");
            assertThat(addresses(suppressions("list", "--address", "b@example.org", "--category", "spam"))).isEmpty();
        }

        @Test
        void pagesShouldFollowTheCursorOrTheirNumber() throws Exception {
            CliRun first = suppressions("list", "--limit", "3");
            assertThat(addresses(first)).containsExactly("a@example.org", "b@example.org", "c@example.org");
            assertThat(first.out()).endsWith("3 entries; next page: --after c@example.org\n");

            CliRun second = suppressions("list", "--limit", "3", "--after", "c@example.org");
            assertThat(addresses(second)).containsExactly("d@example.net", "e@example.net", "f@example.com");

            assertThat(addresses(suppressions("list", "--limit", "3", "--page", "2"))).isEqualTo(addresses(second));
            CliRun third = suppressions("list", "--limit", "3", "--page", "3");
            assertThat(addresses(third)).containsExactly("g@example.com");
            assertThat(third.out()).endsWith("1 entry; last page\n");
            assertThat(suppressions("list", "--limit", "3", "--page", "4").out()).isEqualTo("no page 4: the list has 3 pages of 3\n");
        }

        @Test
        void badValuesShouldBeUsageErrorsNamingThem() {
            assertThat(suppressions("list", "--category", "dead").usageError())
                .startsWith("Invalid value for option '--category': unknown category dead (known: user-unknown, ");
            assertThat(suppressions("list", "--from", "last week").usageError())
                .isEqualTo("Invalid value for option '--from': a date (2025-03-01) or a time (2025-03-01T08:00:00Z), not last week");
            assertThat(suppressions("list", "--limit", "0").usageError()).isEqualTo("--limit must be a number from 1 to 10000: 0");
            assertThat(suppressions("list", "--limit", "many").usageError()).startsWith("Invalid value for option '--limit': 'many' is not an int");
            assertThat(suppressions("list", "--after", "a@example.org", "--page", "2").usageError()).isEqualTo("give --after or --page, not both");
            assertThat(suppressions("list", "--colour").usageError()).isEqualTo("Unknown option: '--colour'");
        }
    }

    @Test
    void showShouldPrintTheEntryEveryEventVerbatimAndTheAuditTrail() throws Exception {
        AddressKey alice = AddressKey.of("a@example.org");
        withStore(r -> {
            r.recordEvent(new BounceEvent("<dsn-1@mx.example.net>", alice, T0, EventSource.DSN, Category.MAILBOX_FULL, "status.mailbox-full",
                Optional.of(new ReplyCode(452)), Optional.of(EnhancedStatus.of("4.2.2")), Optional.of("452 4.2.2 over quota"),
                Optional.of("dns; mx.example.net"), Optional.of("<news-1@sender.example>"), Optional.empty()));
            r.recordEvent(new BounceEvent("<dsn-2@mx.example.net>", alice, T0.plusSeconds(3600), EventSource.DSN, Category.USER_UNKNOWN,
                "status.user-unknown", Optional.of(new ReplyCode(550)), Optional.of(EnhancedStatus.of("5.1.1")), Optional.of(DIAGNOSTIC),
                Optional.of("dns; mx.example.net"), Optional.of("<news-2@sender.example>"), Optional.of(FeedbackType.ABUSE)));
            r.suppress(new Suppression(alice, Category.USER_UNKNOWN, EventSource.DSN, "hard-at-once", T0.plusSeconds(3600), Optional.empty(),
                Optional.of("<dsn-2@mx.example.net>"), Optional.of(new ReplyCode(550)), Optional.of(EnhancedStatus.of("5.1.1")),
                Optional.of(DIAGNOSTIC), Optional.of("dns; mx.example.net"), Optional.of("<news-2@sender.example>")));
            r.remove(alice, new Change("ops@example.org", "mailbox restored", T0.plusSeconds(7200)));
            r.suppressManually(Suppression.of(alice, Category.COMPLAINT, EventSource.MANUAL, "manual", T0.plusSeconds(9000), Optional.empty()),
                new Change("abuse-desk", "complained by phone", T0.plusSeconds(9000)));
            return null;
        });
        JdbcConnectionPool pool = EmbeddedH2.dataSource(jamesData);
        try {
            JdbcUntrustedEventLog.create(pool).record(new UntrustedEvent(new BounceEvent("<forged-1@mx.forger.example>", alice,
                T0.plusSeconds(9500), EventSource.DSN, Category.USER_UNKNOWN, "status.user-unknown", Optional.of(new ReplyCode(550)),
                Optional.of(EnhancedStatus.of("5.1.1")), Optional.of("550 5.1.1 no such user"), Optional.of("dns; mx.forger.example"),
                Optional.empty(), Optional.empty()), Trust.Reason.UNSIGNED_RETURN_PATH, "the return path carries no signature of ours",
                T0.plusSeconds(10_800)));
        } finally {
            pool.dispose();
        }

        CliRun run = suppressions("show", "A@example.org");

        assertThat(run.out()).isEqualTo("""
            address      a@example.org
            suppressed   yes, since 2025-03-01T10:30:00Z, expires never
            category     complaint
            source       manual
            rule         manual
            allowlisted  no

            events (2)
              2025-03-01T08:00:00Z  dsn  mailbox-full  rule status.mailbox-full
                report       <dsn-1@mx.example.net>
                reply code   452
                status       4.2.2
                diagnostic   452 4.2.2 over quota
                reporting    dns; mx.example.net
                original     <news-1@sender.example>
              2025-03-01T09:00:00Z  dsn  user-unknown  rule status.user-unknown
                report       <dsn-2@mx.example.net>
                reply code   550
                status       5.1.1
                diagnostic   smtp; 550-5.1.1 <a@example.org>: "no such user", sorry\r
                             550 5.1.1 see https://x.example/?a=1,b=2
                reporting    dns; mx.example.net
                original     <news-2@sender.example>
                feedback     abuse

            untrusted reports (1; they suppressed nothing)
              2025-03-01T11:00:00Z  dsn  user-unknown  unsigned_return_path
                why          the return path carries no signature of ours
                report       <forged-1@mx.forger.example>
                diagnostic   550 5.1.1 no such user
                reporting    dns; mx.forger.example

            audit (2)
              2025-03-01T10:00:00Z  removed by ops@example.org: mailbox restored  (user-unknown, dsn)
              2025-03-01T10:30:00Z  added by abuse-desk: complained by phone  (complaint, manual)
            """);
    }

    @Nested
    class AddAndRemove {
        @Test
        void anAddedAddressShouldBeSuppressedForGoodAndAudited() throws Exception {
            CliRun add = suppressions("add", "Carol@Example.COM", "--category", "complaint", "--actor", "ops", "--reason", "ticket 42");

            assertThat(add.out()).isEqualTo("suppressed carol@example.com (complaint, manual, never expires); audited: added by ops: ticket 42\n");
            AddressKey carol = AddressKey.of("carol@example.com");
            assertThat(find(carol)).get()
                .isEqualTo(Suppression.of(carol, Category.COMPLAINT, EventSource.MANUAL, "manual", CliRun.NOW, Optional.empty()));
            assertThat(audit(carol)).containsExactly(new AuditEntry(carol, AuditAction.ADDED,
                new Change("ops", "ticket 42", CliRun.NOW), Category.COMPLAINT, EventSource.MANUAL));
        }

        @Test
        void addingAnAddressAlreadySuppressedReplacesItsEntryAndSaysWhichOne() throws Exception {
            // it once said "the entry is kept" while the store replaced the category (issue #17)
            withStore(r -> {
                r.suppress(entry("a@example.org", Category.USER_UNKNOWN, EventSource.DSN, T0));
                return null;
            });

            CliRun add = suppressions("add", "a@example.org", "--category", "complaint", "--actor", "ops", "--reason", "complained by phone");

            assertThat(add.out()).isEqualTo("suppressed a@example.org (complaint, manual, never expires); audited: added by ops: "
                + "complained by phone; it replaces the entry user-unknown, dsn, since 2025-03-01T08:00:00Z\n");
            assertThat(find(AddressKey.of("a@example.org"))).get().satisfies(s -> {
                assertThat(s.category()).isEqualTo(Category.COMPLAINT);
                assertThat(s.source()).isEqualTo(EventSource.MANUAL);
            });
        }

        @Test
        void removingShouldNeedConfirmationThenLiftTheEntryAndAuditWhoAndWhy() throws Exception {
            AddressKey alice = AddressKey.of("a@example.org");
            withStore(r -> {
                r.suppress(entry("a@example.org", Category.USER_UNKNOWN, EventSource.DSN, T0));
                return null;
            });

            assertThat(suppressions("remove", "a@example.org", "--actor", "ops", "--reason", "user confirmed").usageError())
                .contains("confirm with --yes");
            assertThat(find(alice)).isPresent();

            CliRun remove = suppressions("remove", "a@example.org", "--actor", "ops", "--reason", "user confirmed", "--yes");

            assertThat(remove.exitCode()).isZero();
            assertThat(remove.err()).isEqualTo("removing a@example.org: user-unknown, dsn, rule hard-at-once, since 2025-03-01T08:00:00Z\n");
            assertThat(remove.out()).isEqualTo("removed a@example.org; audited: removed by ops: user confirmed. "
                + "It is suppressed again if it bounces again.\n");
            assertThat(find(alice)).isEmpty();
            assertThat(audit(alice)).containsExactly(new AuditEntry(alice, AuditAction.REMOVED,
                new Change("ops", "user confirmed", CliRun.NOW), Category.USER_UNKNOWN, EventSource.DSN));

            CliRun again = suppressions("remove", "a@example.org", "--actor", "ops", "--reason", "user confirmed", "--yes");
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.err()).isEqualTo("no suppression for a@example.org: nothing removed, nothing audited\n");
            assertThat(audit(alice)).hasSize(1);
        }

        @Test
        void actorAndReasonShouldBeRequired() {
            assertThat(suppressions("add", "a@example.org", "--category", "spam", "--reason", "r").usageError())
                .isEqualTo("Missing required option: '--actor=WHO'");
            assertThat(suppressions("remove", "a@example.org", "--actor", "ops", "--yes").usageError())
                .isEqualTo("Missing required option: '--reason=WHY'");
            assertThat(suppressions("add", "a@example.org", "--category", "spam", "--actor", " ", "--reason", "r").usageError())
                .isEqualTo("--actor must not be blank");
            assertThat(suppressions("add", "not-an-address", "--category", "spam", "--actor", "a", "--reason", "r").usageError())
                .isEqualTo("Invalid value for positional parameter at index 0 (ADDRESS): bad address 'not-an-address': not an address: 'not-an-address'");
        }

        @Test
        void readingCommandsShouldNotCreateAStore() {
            assertThat(suppressions("list").usageError()).startsWith("no H2 store at");
            assertThat(jamesData).doesNotExist();
        }
    }

    @Nested
    class ExportAndImport {
        private List<Suppression> awkwardEntries() {
            return List.of(
                new Suppression(AddressKey.of("a@example.org"), Category.USER_UNKNOWN, EventSource.DSN, "hard-at-once",
                    Instant.parse("2025-03-01T08:00:00.123456Z"), Optional.empty(), Optional.of("<dsn-1@mx.example.net>"),
                    Optional.of(new ReplyCode(550)), Optional.of(EnhancedStatus.of("5.1.1")), Optional.of(DIAGNOSTIC + "\n\ttab, \"é\""),
                    Optional.of("dns; mx.example.net"), Optional.of("<news-1@sender.example>")),
                new Suppression(AddressKey.of("b@example.net"), Category.MAILBOX_FULL, EventSource.DSN, "soft-streak-exceeded", T0,
                    Optional.of(T0.plusSeconds(90L * 86_400)), Optional.of("sha256:00ff"), Optional.empty(), Optional.empty(),
                    Optional.of(""), Optional.empty(), Optional.empty()),
                Suppression.of(AddressKey.of("c@example.com"), Category.COMPLAINT, EventSource.MANUAL, "manual", T0, Optional.empty()));
        }

        @ParameterizedTest
        @ValueSource(strings = {"csv", "jsonl"})
        void anExportImportedIntoAnotherStoreShouldExportTheSameBytes(String format) throws Exception {
            withStore(r -> r.importSuppressions(awkwardEntries().iterator()));
            Path first = dir.resolve("first." + format);

            CliRun export = suppressions("export", "--format", format, "--output", first.toString());
            assertThat(export.out()).startsWith("exported 3 entries as " + format + " to " + first + " in ");

            Path otherStore = dir.resolve("other");
            CliRun imported = CliRun.suppressions("import", "--h2", otherStore.toString(), first.toString());
            assertThat(imported.exitCode()).isZero();
            assertThat(ScanCommandTest.figures(imported.out())).containsEntry("rows read", 3L).containsEntry("imported", 3L)
                .containsEntry("already present", 0L).containsEntry("rejected", 0L);

            Path second = dir.resolve("second." + format);
            CliRun.suppressions("export", "--h2", otherStore.toString(), "--output", second.toString());
            assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
            assertThat(dir.resolve("second." + format + ".part")).doesNotExist();
        }

        @Test
        void anExportWithoutOutputShouldGoToStdoutWithItsSummaryOnStderr() throws Exception {
            withStore(r -> r.importSuppressions(awkwardEntries().iterator()));

            CliRun export = suppressions("export", "--format", "jsonl");

            assertThat(export.out().lines()).hasSize(3).allMatch(l -> l.startsWith("{\"address\":"));
            assertThat(export.err()).contains("exported 3 entries as jsonl in ");
        }

        @Test
        void badRowsShouldBeReportedWithTheirLineAndTheGoodOnesImported() throws Exception {
            Path file = dir.resolve("list.csv");
            Files.writeString(file, """
                address,category,diagnostic
                ok@example.org,user-unknown,"multi
                line, quoted"
                not-an-address,user-unknown,
                x@example.org,vanished,
                ok@example.org,spam,duplicate of line 2
                y@example.org,complaint,"unclosed
                """, StandardCharsets.UTF_8);

            CliRun run = CliRun.suppressions("import", "--h2", jamesData.toString(), file.toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err().lines().filter(l -> l.startsWith(file.toString()))).containsExactly(
                file + ":4: bad address 'not-an-address': not an address: 'not-an-address'",
                file + ":5: unknown category 'vanished' (known: user-unknown, mailbox-disabled, bad-domain, mailbox-full, "
                    + "message-too-large, blocked, spam, policy, throttled, expired, delayed, system-error, complaint, delivered, unknown)",
                file + ":7: a quoted field is not closed before the end of the input");
            assertThat(ScanCommandTest.figures(run.out())).containsExactly(java.util.Map.entry("rows read", 5L),
                java.util.Map.entry("imported", 1L), java.util.Map.entry("already present", 1L), java.util.Map.entry("rejected", 3L));
            assertThat(find(AddressKey.of("ok@example.org"))).get()
                .satisfies(s -> assertThat(s.diagnostic()).contains("multi\nline, quoted"))
                .satisfies(s -> assertThat(s.source()).isEqualTo(EventSource.IMPORT))
                .satisfies(s -> assertThat(s.suppressedAt()).isEqualTo(CliRun.NOW));
        }

        @Test
        void rowsThatAreNotUtf8ShouldBeRejectedWithTheirLine() throws Exception {
            Path file = dir.resolve("latin1.csv");
            Files.write(file, "address,category\na@example.org,spam\nc@exampl\u00e9.org,spam\nb@example.org,spam\n"
                .getBytes(StandardCharsets.ISO_8859_1));

            CliRun run = CliRun.suppressions("import", "--h2", jamesData.toString(), file.toString());

            assertThat(run.err()).contains(file + ":3: not valid UTF-8 (bytes replaced by U+FFFD)\n");
            assertThat(ScanCommandTest.figures(run.out())).containsEntry("imported", 2L).containsEntry("rejected", 1L);
        }

        @Test
        void theFormatShouldComeFromTheOptionOrTheFileName() {
            assertThat(CliRun.suppressions("import", "--h2", jamesData.toString(), "list.txt").usageError())
                .isEqualTo("import needs --format csv or jsonl");
            assertThat(CliRun.suppressions("export", "--h2", jamesData.toString(), "--format", "xml").usageError())
                .isEqualTo("Invalid value for option '--format': unknown format xml (csv or jsonl)");
        }
    }
}
