package io.jamesbounce.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MaybeSender;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jamesbounce.core.BounceAnalyzer;
import io.jamesbounce.core.trust.FeedbackLoopSources;
import io.jamesbounce.core.trust.RotatingBloomFilter;
import io.jamesbounce.core.trust.TrustEvaluator;
import io.jamesbounce.core.trust.TrustSettings;
import io.jamesbounce.james.common.Fixtures;
import io.jamesbounce.store.AllowlistEntry;
import io.jamesbounce.store.Change;

/**
 * Issue #15, "every report is seen": each outcome of a report's recipient, and a mail to a report
 * address that is no report, leave one log line and one count an operator can find.
 */
class ReportOutcomesSeenTest {
    private static final String BOUNCES = "bounces@bounce.example.com";

    private final Store store = new Store();
    private final RecordingBounceMetrics metrics = new RecordingBounceMetrics();

    // slf4j-simple, the mailets' test binding, writes to whatever System.err is at each line
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private PrintStream realErr;

    @BeforeEach
    void captureTheLog() {
        realErr = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreTheLog() {
        System.setErr(realErr);
        realErr.print(log.toString(StandardCharsets.UTF_8));
    }

    private List<String> logLines() {
        return log.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private RecordBounceReports mailet(TrustSettings trust) throws MessagingException {
        return Mailets.init(new RecordBounceReports(BounceAnalyzer.withDefaults(), store.ingestion(new TrustEvaluator(trust), metrics), store.clock), FakeMailContext.defaultContext());
    }

    private static FakeMail dsn(String reportId, String status, String reply, String... recipients) throws MessagingException {
        StringBuilder fields = new StringBuilder();
        for (String recipient : recipients) {
            fields.append("\r\nFinal-Recipient: rfc822; ").append(recipient).append("\r\nAction: failed\r\nStatus: ").append(status)
                .append("\r\nDiagnostic-Code: smtp; ").append(reply).append("\r\n");
        }
        String text = "From: MAILER-DAEMON@mx.example.net\r\nTo: " + BOUNCES + "\r\nSubject: Undelivered Mail\r\nMessage-ID: " + reportId
            + "\r\nMIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
            + "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.net\r\n" + fields + "--b--\r\n";
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
        return FakeMail.builder().name("Mail" + Integer.toHexString(reportId.hashCode())).mimeMessage(message).sender(MaybeSender.nullSender()).recipients(BOUNCES).build();
    }

    @Test
    void aDeadAddressIsLoggedAndCountedAsSuppressed() throws Exception {
        mailet(TrustSettings.none()).service(dsn("<r1@mx>", "5.1.1", "550 5.1.1 <ann@example.org>: User unknown", "ann@example.org"));

        assertThat(logLines()).filteredOn(l -> l.contains("bounce recorded") && l.contains("recipient=ann@example.org"))
            .singleElement().satisfies(l -> assertThat(l).contains("outcome=suppress", "report=<r1@mx>", "category=user-unknown"));
        assertThat(logLines()).anySatisfy(l -> assertThat(l).contains("suppression added address=ann@example.org"));
        assertThat(metrics.calls).containsExactly("recorded:SUPPRESS");
    }

    @Test
    void aLineBreakInTheReportsMessageIdCannotStartALogLine() throws Exception {
        // issue #18: a folded Message-ID once wrote this line into the log as if an operator had acted
        String forged = "<r9@mx>\r\n [main] INFO io.jamesbounce.store.SuppressionService - suppression removed address=ceo@example.com actor=admin";
        mailet(TrustSettings.none()).service(dsn(forged, "5.1.1", "550 5.1.1 User unknown", "dan@example.org"));

        assertThat(logLines()).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("[main] "));
        assertThat(logLines()).noneMatch(l -> l.strip().startsWith("[main] INFO io.jamesbounce.store.SuppressionService - suppression removed"));
        assertThat(logLines()).anySatisfy(l -> assertThat(l).startsWith("[main] INFO io.jamesbounce.store.SuppressionService - suppression added")
            .contains("address=dan@example.org", "report=<r9@mx> [main] INFO"));
    }

    @Test
    void theSameReportTwiceIsLoggedAndCountedAsADuplicate() throws Exception {
        RecordBounceReports mailet = mailet(TrustSettings.none());
        mailet.service(dsn("<r2@mx>", "5.1.1", "550 5.1.1 User unknown", "ben@example.org"));
        mailet.service(dsn("<r2@mx>", "5.1.1", "550 5.1.1 User unknown", "ben@example.org"));

        assertThat(logLines()).filteredOn(l -> l.contains("bounce recorded") && l.contains("recipient=ben@example.org"))
            .extracting(l -> l.replaceAll(".*outcome=(\\S+).*", "$1")).containsExactly("suppress", "duplicate");
        assertThat(metrics.calls).containsExactly("recorded:SUPPRESS", "recorded:DUPLICATE");
    }

    @Test
    void aSoftBounceIsLoggedAndCountedAsTheStartOfAStreak() throws Exception {
        mailet(TrustSettings.none()).service(dsn("<r3@mx>", "4.2.2", "452 4.2.2 Mailbox full", "cat@example.org"));

        assertThat(logLines()).filteredOn(l -> l.contains("bounce recorded") && l.contains("recipient=cat@example.org"))
            .singleElement().satisfies(l -> assertThat(l).contains("outcome=soft_streak_pending", "category=mailbox-full"));
        assertThat(metrics.calls).containsExactly("recorded:SOFT_STREAK_PENDING");
    }

    @Test
    void aBlockIsLoggedAndCountedAgainstTheDomainNotTheAddress() throws Exception {
        mailet(TrustSettings.none()).service(dsn("<r4@mx>", "5.7.1",
            "550 5.7.1 Service unavailable, client host [192.0.2.1] blocked using zen.spamhaus.org", "dan@example.org"));

        assertThat(logLines()).filteredOn(l -> l.contains("bounce recorded") && l.contains("recipient=dan@example.org"))
            .singleElement().satisfies(l -> assertThat(l).contains("outcome=count_against_domain"));
        assertThat(metrics.calls).containsExactly("recorded:COUNT_AGAINST_DOMAIN");
    }

    @Test
    void anAllowlistedAddressIsLoggedAndCountedAsIgnored() throws Exception {
        store.repository.allow(new AllowlistEntry("partner.example", new Change("ops", "contract", Store.NOW)));

        mailet(TrustSettings.none()).service(dsn("<r7@mx>", "5.1.1", "550 5.1.1 User unknown", "gus@partner.example"));

        assertThat(logLines()).filteredOn(l -> l.contains("bounce recorded") && l.contains("recipient=gus@partner.example"))
            .singleElement().satisfies(l -> assertThat(l).contains("outcome=ignored_allowlisted"));
        assertThat(metrics.calls).containsExactly("recorded:IGNORED_ALLOWLISTED");
        assertThat(store.isSuppressed("gus@partner.example")).isFalse();
    }

    @Test
    void anUntrustedReportIsLoggedWithItsReasonAndCountedAsRecordOnly() throws Exception {
        TrustSettings signed = new TrustSettings(Optional.empty(), Optional.of(new RotatingBloomFilter(
            1_000, 0.001, Duration.ofDays(1), store.clock)), FeedbackLoopSources.none());
        mailet(signed).service(dsn("<r5@mx>", "5.1.1", "550 5.1.1 User unknown", "eve@example.org"));

        assertThat(logLines()).filteredOn(l -> l.contains("untrusted report recorded address=eve@example.org"))
            .singleElement().satisfies(l -> assertThat(l).contains("reason=UNKNOWN_MESSAGE", "report=<r5@mx>"));
        assertThat(metrics.calls).containsExactly("untrusted:UNKNOWN_MESSAGE", "recorded:RECORD_ONLY");
        assertThat(store.isSuppressed("eve@example.org")).isFalse();
    }

    @Test
    void aReportOverTheCapIsCountedAsCappedForEveryRecipientAndKeepsTheFirstRecordsUpToTheCap() throws Exception {
        TrustSettings capped = new TrustSettings(Optional.empty(), Optional.empty(), FeedbackLoopSources.none(), 2);
        mailet(capped).service(dsn("<r6@mx>", "5.1.1", "550 5.1.1 User unknown", "f1@example.org", "f2@example.org", "f3@example.org"));

        assertThat(logLines()).anySatisfy(l -> assertThat(l).contains("bounce report capped, recorded only", "records=3"));
        assertThat(logLines()).filteredOn(l -> l.contains("untrusted report recorded") && l.contains("reason=TOO_MANY_RECIPIENTS"))
            .hasSize(2);
        assertThat(logLines()).anySatisfy(l -> assertThat(l).contains("bounce report not recorded",
            "the report names 3 recipients, 1 of them untrusted beyond the 2 kept"));
        assertThat(metrics.calls).containsExactly("untrusted:TOO_MANY_RECIPIENTS", "untrusted:TOO_MANY_RECIPIENTS",
            "untrusted:TOO_MANY_RECIPIENTS", "recorded:RECORD_ONLY", "recorded:RECORD_ONLY");
    }

    @Test
    void aMailThatIsNoReportIsLoggedAndCountedByKind() throws Exception {
        FakeMail mail = Fixtures.bounceMail("auto-reply.eml", BOUNCES);
        mail.setState("root");

        Mailets.init(new RouteUnrecognisedMail(BounceAnalyzer.withDefaults(), metrics), FakeMailContext.defaultContext()).service(mail);

        assertThat(logLines()).filteredOn(l -> l.contains("mail to a report address is no report"))
            .singleElement().satisfies(l -> assertThat(l).contains("kind=auto-reply", "processor=bounce-unrecognised"));
        assertThat(metrics.calls).containsExactly("unrecognised:AUTO_REPLY");
    }
}
