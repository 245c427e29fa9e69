package io.jamesbounce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.store.Suppression;
import io.jamesbounce.store.jdbc.EmbeddedH2;
import io.jamesbounce.store.jdbc.JdbcSuppressionRepository;

/**
 * {@code suppressions import --from}: each provider's documented export (fixtures in
 * {@code providers/}, written from their documentation) into an embedded store, with the reasons
 * mapped onto our categories, the provider's words kept, and what cannot be a suppression rejected.
 */
class ProviderImportTest {
    @TempDir
    Path jamesData;

    private static String fixture(String name) throws URISyntaxException {
        return Path.of(ProviderImportTest.class.getResource("/providers/" + name).toURI()).toString();
    }

    private CliRun importing(String from, String name) throws Exception {
        return CliRun.suppressions("import", "--h2", jamesData.toString(), "--from", from, fixture(name));
    }

    private Optional<Suppression> entry(String address) {
        JdbcConnectionPool pool = EmbeddedH2.dataSource(jamesData);
        try {
            return JdbcSuppressionRepository.create(pool).find(AddressKey.of(address));
        } finally {
            pool.dispose();
        }
    }

    private void assertEntry(String address, Category category, String diagnostic) {
        assertThat(entry(address)).as(address).hasValueSatisfying(s -> {
            assertThat(s.category()).isEqualTo(category);
            assertThat(s.source()).isEqualTo(EventSource.IMPORT);
            assertThat(s.diagnostic()).hasValueSatisfying(d -> assertThat(d).contains(diagnostic));
        });
    }

    @Test
    void sesListedDestinationsKeepTheirReasonAndTime() throws Exception {
        CliRun run = importing("auto", "ses-list-suppressed-destinations.json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("from").contains("ses").containsPattern("rows read\\s+3").containsPattern("imported\\s+3");
        assertEntry("recipient1@example.com", Category.USER_UNKNOWN, "ses: BOUNCE");
        assertEntry("recipient2@example.com", Category.COMPLAINT, "ses: COMPLAINT");
        assertThat(entry("recipient1@example.com").orElseThrow().suppressedAt()).isEqualTo(Instant.parse("2020-04-10T22:07:59Z"));
    }

    @Test
    void oneSesDestinationAndTheBulkImportCsvWithoutAHeader() throws Exception {
        assertThat(importing("ses", "ses-get-suppressed-destination.json").exitCode()).isZero();
        CliRun bulk = importing("auto", "ses-bulk-import.csv");

        assertEntry("recipient1@example.com", Category.USER_UNKNOWN, "ses: BOUNCE");
        assertEntry("recipient2@example.com", Category.COMPLAINT, "ses: COMPLAINT");
        assertThat(bulk.exitCode()).as("a row was rejected").isEqualTo(1);
        assertThat(bulk.err()).contains("unknown SES reason 'UNSUBSCRIBE'");
        assertThat(entry("recipient3@example.com")).isEmpty();
    }

    @Test
    void sendGridBouncesAreClassifiedByTheirReplyAndABlockIsNotSuppressed() throws Exception {
        CliRun csv = importing("auto", "sendgrid-bounces.csv");

        assertThat(csv.out()).containsPattern("rows read\\s+3").containsPattern("imported\\s+2").containsPattern("rejected\\s+1");
        assertEntry("example@example.com", Category.USER_UNKNOWN, "sendgrid bounce: 550 5.1.1 The email account that you tried to reach does not exist. (status 5.1.1)");
        assertEntry("gone@example.net", Category.BAD_DOMAIN, "sendgrid bounce: 550 5.1.2 Host unknown");
        assertThat(csv.err()).contains("blocked@example.org").contains("not the address's fault");
        assertThat(entry("blocked@example.org")).isEmpty();
        assertThat(entry("example@example.com").orElseThrow().suppressedAt()).isEqualTo(Instant.ofEpochSecond(1250337600));

        CliRun json = importing("sendgrid", "sendgrid-bounces.json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertEntry("testemail2@testing.com", Category.USER_UNKNOWN, "Recipient address rejected: User unknown in virtual alias table");
    }

    @Test
    void sendGridSpamReportsAndUnsubscribesAreComplaints() throws Exception {
        importing("auto", "sendgrid-spam-reports.csv");
        assertEntry("user1@example.com", Category.COMPLAINT, "sendgrid spam report from 10.63.202.100");

        CliRun unsubscribes = importing("sendgrid", "sendgrid-unsubscribes.csv");
        assertThat(unsubscribes.out()).containsPattern("already present\\s+2");
    }

    @Test
    void mailgunBouncesComplaintsAndUnsubscribes() throws Exception {
        CliRun bounces = importing("auto", "mailgun-bounces.csv");
        importing("mailgun", "mailgun-complaints.csv");
        importing("mailgun", "mailgun-unsubscribes.csv");
        importing("auto", "mailgun-bounces.json");

        assertEntry("alice@example.com", Category.USER_UNKNOWN, "mailgun bounce: 550 No such mailbox");
        assertThat(entry("alice@example.com").orElseThrow().suppressedAt()).isEqualTo(Instant.parse("2011-10-21T11:02:55Z"));
        assertThat(entry("bob@example.com").orElseThrow().suppressedAt()).as("RFC 2822 with UTC").isEqualTo(Instant.parse("2011-10-13T18:02:00Z"));
        assertThat(bounces.err()).contains("full@example.com").contains("mailbox-full");
        assertEntry("carol@example.com", Category.COMPLAINT, "mailgun complaint");
        assertEntry("foo@bar.com", Category.USER_UNKNOWN, "mailgun bounce: 550 No such mailbox");
    }

    @Test
    void postmarkDumpMapsItsThreeReasons() throws Exception {
        CliRun run = importing("auto", "postmark-suppressions-dump.json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertEntry("bounce.address@wildbit.com", Category.USER_UNKNOWN, "postmark: HardBounce (origin Recipient)");
        assertEntry("spam.complaint.address@wildbit.com", Category.COMPLAINT, "postmark: SpamComplaint (origin Recipient)");
        assertEntry("address@wildbit.com", Category.COMPLAINT, "postmark: ManualSuppression (origin Recipient)");
        assertThat(entry("address@wildbit.com").orElseThrow().suppressedAt()).isEqualTo(Instant.parse("2019-12-17T13:58:33Z"));
    }

    @Test
    void anUnknownProviderOrAFormatBesideFromIsAUsageError() throws Exception {
        assertThat(importing("constantcontact", "ses-bulk-import.csv").usageError())
            .isEqualTo("Invalid value for option '--from': ses, sendgrid, mailgun, postmark or auto, not constantcontact");
        assertThat(CliRun.suppressions("import", "--h2", jamesData.toString(), "--from", "ses", "--format", "csv", fixture("ses-bulk-import.csv"))
            .usageError()).contains("drop --format");
    }
}
