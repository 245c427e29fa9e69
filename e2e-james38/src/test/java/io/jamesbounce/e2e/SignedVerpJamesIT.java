package io.jamesbounce.e2e;

import static io.jamesbounce.e2e.E2e.await;
import static io.jamesbounce.e2e.E2e.fixture;
import static io.jamesbounce.e2e.E2e.newsletter;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Forged reports cannot poison the list, in the full James 3.8.1 server on its embedded store, as
 * {@code conf-samples/} ships it: return paths signed with the key James generates at first start, and
 * one authenticated feedback loop ({@code trust.feedback.*}) added to {@code bounces.properties}, the
 * sample's {@code RemoveOwnAuthenticationResults} removing fields written in our name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignedVerpJamesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NEWS = "news@example.com";

    private SmtpSink sink;
    private RunningJames james;
    private ExtensionStore store;

    @BeforeAll
    void boot() throws Exception {
        sink = SmtpSink.start();
        Path work = Files.createTempDirectory("james38-signed-verp-");
        JamesWorkspace workspace = JamesWorkspace.builder(E2e.repositoryRoot(), E2e.extensionJar(), work)
            .smtpPort(E2e.freePort())
            .webAdminPort(E2e.freePort())
            .gatewayPort(sink.port())
            .webAdminRoutes(Path.of(System.getProperty("webadmin.routes.jar")))
            // no verp.signing-key: as shipped, James generates its key at first start and signs with it
            .bounceSettings("trust.feedback.authserv-id=mx.example.com", "trust.feedback.domains=isp.example.net")
            .build();
        james = RunningJames.start(workspace);
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

    /** Sends a newsletter to these recipients and answers the signed return path each got at the sink. */
    private String returnPathOf(String recipient) throws Exception {
        SmtpClient.send(smtpPort(), NEWS, List.of(recipient), newsletter(NEWS, List.of(recipient), "Signed"));
        await(recipient + " delivered", () -> sink.delivered().contains(recipient));
        return sink.deliveries().stream().filter(d -> d.recipients().contains(recipient)).findFirst().orElseThrow().mailFrom();
    }

    private void awaitUntrusted(String address) throws InterruptedException {
        await("an untrusted event for " + address, () -> !james.untrustedEvents(address).isEmpty());
    }

    @Test
    void theGeneratedKeyIsKeptInTheDataFolderReadableByJamesOnly() throws Exception {
        Path keys = james.workspace().varFolder().resolve("bounces/verp-keys.properties");

        assertThat(keys).exists();
        assertThat(java.nio.file.Files.getPosixFilePermissions(keys))
            .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aBounceToTheSignedReturnPathSuppressesExactlyItsRecipient() throws Exception {
        String returnPath = returnPathOf("frank@example.net");
        assertThat(returnPath).as("signed with the first generated key, id a").matches("bounces\\+a[a-z2-7]{11}\\+frank=example\\.net@bounce\\.example\\.com");

        SmtpClient.send(smtpPort(), "", List.of(returnPath), JamesServerScenarios.dsn(returnPath, "frank@example.net", "<s-frank@mx>"));

        await("frank suppressed", () -> store.suppression("frank@example.net").isPresent());
        assertThat(store.suppression("frank@example.net").orElseThrow()).containsEntry("category", "USER_UNKNOWN");
        assertThat(james.untrustedEvents("frank@example.net")).isEmpty();
    }

    /** A bounce to the plain bounce address, about the message with this Message-ID, naming this recipient. */
    private static byte[] unsignedDsn(String recipient, String originalMessageId, String reportId) {
        return ("From: MAILER-DAEMON@mx.example.net\r\nTo: bounces@bounce.example.com\r\nSubject: Undelivered Mail\r\n"
            + "Message-ID: " + reportId + "\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
            + "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.net\r\n\r\n"
            + "Final-Recipient: rfc822; " + recipient + "\r\nAction: failed\r\nStatus: 5.1.1\r\n"
            + "Diagnostic-Code: smtp; 550 5.1.1 <" + recipient + ">: User unknown\r\n"
            + "--b\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: News <news@example.com>\r\nTo: " + recipient + "\r\n"
            + "Subject: News\r\nMessage-ID: " + originalMessageId + "\r\n\r\n--b--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void anUnsignedBounceQuotingOurMessageIdSuppressesOnlyTheRecipientWeSentItTo() throws Exception {
        String messageId = "<unsigned-" + System.nanoTime() + "@example.com>";
        byte[] news = ("From: News <" + NEWS + ">\r\nTo: ivan@example.net\r\nSubject: Unsigned\r\nMessage-ID: " + messageId
            + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nHello.\r\n").getBytes(StandardCharsets.US_ASCII);
        SmtpClient.send(smtpPort(), NEWS, List.of("ivan@example.net"), news);
        await("ivan delivered", () -> sink.delivered().contains("ivan@example.net"));

        SmtpClient.send(smtpPort(), "", List.of("bounces@bounce.example.com"), unsignedDsn("ivan@example.net", messageId, "<u-ivan@mx>"));
        SmtpClient.send(smtpPort(), "", List.of("bounces@bounce.example.com"), unsignedDsn("mallory@example.net", messageId, "<u-mallory@mx>"));

        await("ivan suppressed", () -> store.suppression("ivan@example.net").isPresent());
        awaitUntrusted("mallory@example.net");
        assertThat(james.untrustedEvents("mallory@example.net")).singleElement()
            .satisfies(e -> assertThat(e).containsEntry("reason", "UNKNOWN_MESSAGE"));
        assertThat(store.suppression("mallory@example.net")).isEmpty();
    }

    @Test
    void aForgedBounceForAnAddressWeNeverMailedSuppressesNothing() throws Exception {
        String plain = "bounces+heidi=example.net@bounce.example.com";
        SmtpClient.send(smtpPort(), "", List.of(plain), JamesServerScenarios.dsn(plain, "heidi@example.net", "<forged-heidi@mx>"));

        awaitUntrusted("heidi@example.net");
        assertThat(james.untrustedEvents("heidi@example.net")).singleElement()
            .satisfies(e -> assertThat(e).containsEntry("reason", "UNKNOWN_MESSAGE"));
        assertThat(store.suppression("heidi@example.net")).isEmpty();
        assertThat(store.events("heidi@example.net")).isEmpty();
        // what an operator sees: the report, why it was not believed, and no suppression
        JsonNode details = JSON.readTree(E2e.webAdmin(james.workspace().webAdminPort(), "/bounces/suppressions/heidi@example.net"));
        assertThat(details.get("suppressed").asBoolean()).isFalse();
        assertThat(details.at("/untrusted/0/reason").asText()).isEqualTo("unknown_message");
        assertThat(details.at("/untrusted/0/event/reportKey").asText()).isEqualTo("<forged-heidi@mx>");
        assertThat(details.at("/untrusted/0/event/status").asText()).isEqualTo("5.1.1");
    }

    @Test
    void aTamperedSignatureSuppressesNothing() throws Exception {
        String returnPath = returnPathOf("ivan@example.net");
        // another recipient written over the signed one: the signature no longer matches
        String tampered = returnPath.replace("+ivan=", "+judy=");
        SmtpClient.send(smtpPort(), "", List.of(tampered), JamesServerScenarios.dsn(tampered, "judy@example.net", "<forged-judy@mx>"));

        awaitUntrusted("judy@example.net");
        assertThat(james.untrustedEvents("judy@example.net")).singleElement()
            .satisfies(e -> assertThat(e).containsEntry("reason", "SIGNATURE_INVALID"));
        assertThat(store.suppression("judy@example.net")).isEmpty();
        assertThat(store.suppression("ivan@example.net")).isEmpty();
    }

    @Test
    void aComplaintWhoseAuthenticationResultsInOurNameTheSenderWroteSuppressesNothing() throws Exception {
        String arf = new String(fixture("arf-abuse.eml"), StandardCharsets.US_ASCII);

        SmtpClient.send(smtpPort(), "fbl-reports@isp.example.net", List.of("fbl@example.com"), arf.getBytes(StandardCharsets.US_ASCII));
        awaitUntrusted("carol@isp.example.net");
        assertThat(store.suppression("carol@isp.example.net")).isEmpty();

        // issue #15: James is the MX, so this field was written by the sender; the shipped root mailet removes it
        String eol = arf.contains("\r\n") ? "\r\n" : "\n";
        String forged = "Authentication-Results: mx.example.com; dkim=pass header.d=isp.example.net header.s=fbl" + eol
            + arf.replace("Message-ID: <arf-0305-carol@isp.example.net>", "Message-ID: <arf-0305-carol-2@isp.example.net>");
        SmtpClient.send(smtpPort(), "fbl-reports@isp.example.net", List.of("fbl@example.com"), forged.getBytes(StandardCharsets.US_ASCII));
        await("the second complaint recorded as untrusted", () -> james.untrustedEvents("carol@isp.example.net").size() == 2);
        assertThat(store.suppression("carol@isp.example.net")).isEmpty();
        assertThat(james.untrustedEvents("carol@isp.example.net"))
            .allSatisfy(e -> assertThat(e).containsEntry("reason", "UNKNOWN_FEEDBACK_SOURCE"));
    }
}
