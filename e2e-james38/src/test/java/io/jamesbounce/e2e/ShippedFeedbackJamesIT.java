package io.jamesbounce.e2e;

import static io.jamesbounce.e2e.E2e.await;
import static io.jamesbounce.e2e.E2e.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Complaints in the full James 3.8.1 server with {@code conf-samples/} exactly as shipped: no
 * {@code trust.feedback.*}, no signing key (James generates one). Issue #15: a forged ARF to the
 * feedback address suppressed a customer's CEO; now a complaint needs an authenticated loop or must be
 * about a message we sent to that very recipient.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShippedFeedbackJamesIT {
    private static final String NEWS = "news@example.com";

    private SmtpSink sink;
    private RunningJames james;
    private ExtensionStore store;

    @BeforeAll
    void boot() throws Exception {
        sink = SmtpSink.start();
        Path work = Files.createTempDirectory("james38-shipped-feedback-");
        james = RunningJames.start(JamesWorkspace.builder(E2e.repositoryRoot(), E2e.extensionJar(), work)
            .smtpPort(E2e.freePort()).webAdminPort(E2e.freePort()).gatewayPort(sink.port()).build());
        store = james.store();
    }

    @AfterAll
    void shutdown() throws Exception {
        if (james != null) {
            james.close();
        }
        if (sink != null) {
            sink.close();
        }
    }

    private int smtpPort() {
        return james.workspace().smtpPort();
    }

    private static byte[] complaint(String recipient, String originalMessageId, String reportId) {
        return ("From: staff@fbl.example.net\r\nTo: fbl@example.com\r\nSubject: FW: News\r\nMessage-ID: " + reportId + "\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=feedback-report; boundary=\"f\"\r\n\r\n"
            + "--f\r\nContent-Type: text/plain\r\n\r\nThis is an email abuse report.\r\n"
            + "--f\r\nContent-Type: message/feedback-report\r\n\r\nFeedback-Type: abuse\r\nUser-Agent: FBL/1.0\r\nVersion: 1\r\n"
            + "Original-Rcpt-To: <" + recipient + ">\r\n\r\n"
            + "--f\r\nContent-Type: message/rfc822\r\n\r\nFrom: News <news@example.com>\r\nTo: " + recipient + "\r\nSubject: News\r\n"
            + "Message-ID: " + originalMessageId + "\r\n\r\nHello.\r\n--f--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aForgedComplaintSuppressesNobody() throws Exception {
        SmtpClient.send(smtpPort(), "fbl-reports@isp.example.net", List.of("fbl@example.com"), fixture("arf-abuse.eml"));
        SmtpClient.send(smtpPort(), "someone@attacker.example", List.of("fbl@example.com"),
            complaint("ceo@customer.example", "<never-sent@example.com>", "<forged-ceo@attacker.example>"));

        await("both complaints recorded as untrusted", () -> !james.untrustedEvents("carol@isp.example.net").isEmpty()
            && !james.untrustedEvents("ceo@customer.example").isEmpty());
        assertThat(james.untrustedEvents("ceo@customer.example")).singleElement()
            .satisfies(e -> assertThat(e).containsEntry("reason", "UNKNOWN_FEEDBACK_SOURCE"));
        assertThat(store.suppression("carol@isp.example.net")).isEmpty();
        assertThat(store.suppression("ceo@customer.example")).isEmpty();
    }

    @Test
    void aComplaintAboutOurMailToThatRecipientSuppressesThem() throws Exception {
        String messageId = "<complained-" + System.nanoTime() + "@example.com>";
        byte[] news = ("From: News <" + NEWS + ">\r\nTo: dora@isp.example.net\r\nSubject: News\r\nMessage-ID: " + messageId
            + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nHello.\r\n").getBytes(StandardCharsets.US_ASCII);
        SmtpClient.send(smtpPort(), NEWS, List.of("dora@isp.example.net"), news);
        await("dora delivered", () -> sink.delivered().contains("dora@isp.example.net"));

        SmtpClient.send(smtpPort(), "fbl@isp.example.net", List.of("fbl@example.com"),
            complaint("dora@isp.example.net", messageId, "<fbl-dora@isp.example.net>"));
        // the same Message-ID does not vouch for someone it was not sent to
        SmtpClient.send(smtpPort(), "fbl@isp.example.net", List.of("fbl@example.com"),
            complaint("erin@isp.example.net", messageId, "<fbl-erin@isp.example.net>"));

        await("dora suppressed", () -> store.suppression("dora@isp.example.net").isPresent());
        assertThat(store.suppression("dora@isp.example.net").orElseThrow()).containsEntry("category", "COMPLAINT");
        await("erin recorded as untrusted", () -> !james.untrustedEvents("erin@isp.example.net").isEmpty());
        assertThat(store.suppression("erin@isp.example.net")).isEmpty();
    }
}
