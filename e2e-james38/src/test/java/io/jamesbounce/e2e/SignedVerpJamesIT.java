package io.jamesbounce.e2e;

import static io.jamesbounce.e2e.E2e.await;
import static io.jamesbounce.e2e.E2e.fixture;
import static io.jamesbounce.e2e.E2e.newsletter;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Forged reports cannot poison the list, in the full James 3.8.1 server on its embedded store, as
 * {@code conf-samples/} ships it: return paths signed with the key James generates at first start, and
 * one authenticated feedback loop ({@code trust.feedback.*}) added to {@code bounces.properties}, the
 * sample's {@code RemoveOwnAuthenticationResults} removing fields written in our name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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

        ReportOutcome.Before before = ReportOutcome.before(james.workspace().webAdminPort(), "frank@example.net");
        SmtpClient.send(smtpPort(), "", List.of(returnPath), JamesServerScenarios.dsn(returnPath, "frank@example.net", "<s-frank@mx>"));

        await("frank suppressed", () -> store.suppression("frank@example.net").isPresent());
        assertThat(store.suppression("frank@example.net").orElseThrow()).containsEntry("category", "USER_UNKNOWN");
        assertThat(james.untrustedEvents("frank@example.net")).isEmpty();
        // what scripts/run-james send-sample prints for it
        assertThat(ReportOutcome.describe(james.workspace().webAdminPort(), "frank@example.net", before, java.time.Duration.ofSeconds(10)))
            .startsWith("frank@example.net: suppressed, user-unknown; this report: user-unknown 5.1.1");
    }

    /** A bounce to the plain bounce address, about the message with this Message-ID, naming this recipient. */
    private static byte[] unsignedDsn(String recipient, String originalMessageId, String reportId) {
        return dsn("bounces@bounce.example.com", List.of(recipient), "5.1.1", "550 5.1.1 User unknown", reportId, originalMessageId);
    }

    /** A DSN to {@code to} naming every recipient with one status, quoting the original's Message-ID. */
    private static byte[] dsn(String to, List<String> recipients, String status, String reply, String reportId, String originalMessageId) {
        StringBuilder fields = new StringBuilder();
        for (String recipient : recipients) {
            fields.append("\r\nFinal-Recipient: rfc822; ").append(recipient).append("\r\nAction: failed\r\nStatus: ").append(status)
                .append("\r\nDiagnostic-Code: smtp; ").append(reply).append("\r\n");
        }
        return ("From: MAILER-DAEMON@mx.example.net\r\nTo: " + to + "\r\nSubject: Undelivered Mail\r\n"
            + "Message-ID: " + reportId + "\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
            + "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.net\r\n" + fields
            + "--b\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: News <news@example.com>\r\nTo: " + recipients.get(0) + "\r\n"
            + "Subject: News\r\nMessage-ID: " + originalMessageId + "\r\n\r\n--b--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Mail from us with this Message-ID to these recipients, relayed by James to the sink. */
    private void sendOurMessage(String messageId, List<String> recipients) throws Exception {
        byte[] news = ("From: News <" + NEWS + ">\r\nTo: undisclosed-recipients:;\r\nSubject: News\r\nMessage-ID: " + messageId
            + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nHello.\r\n").getBytes(StandardCharsets.US_ASCII);
        // counted: another test may have mailed the same recipient before, and the report must come after this delivery
        Map<String, Long> before = new HashMap<>();
        recipients.forEach(r -> before.put(r, deliveriesTo(r)));
        SmtpClient.send(smtpPort(), NEWS, recipients, news);
        await(recipients.size() + " recipients delivered", () -> recipients.stream().allMatch(r -> deliveriesTo(r) > before.get(r)));
    }

    private long deliveriesTo(String recipient) {
        return sink.delivered().stream().filter(recipient::equals).count();
    }

    @Test
    void anUnsignedBounceQuotingOurMessageIdSuppressesOnlyTheRecipientWeSentItTo() throws Exception {
        String messageId = "<unsigned-" + System.nanoTime() + "@example.com>";
        sendOurMessage(messageId, List.of("ivan@example.net"));

        SmtpClient.send(smtpPort(), "", List.of("bounces@bounce.example.com"), unsignedDsn("ivan@example.net", messageId, "<u-ivan@mx>"));
        SmtpClient.send(smtpPort(), "", List.of("bounces@bounce.example.com"), unsignedDsn("mallory@example.net", messageId, "<u-mallory@mx>"));

        await("ivan suppressed", () -> store.suppression("ivan@example.net").isPresent());
        awaitUntrusted("mallory@example.net");
        assertThat(james.untrustedEvents("mallory@example.net")).singleElement()
            .satisfies(e -> assertThat(e).containsEntry("reason", "UNKNOWN_MESSAGE"));
        assertThat(store.suppression("mallory@example.net")).isEmpty();
    }

    @Test
    void oneReportNamingTenThousandRecipientsSuppressesNoneOfThem() throws Exception {
        // the forger quotes a Message-ID we did send, to 25 real recipients, and names them with 9,975 more
        String messageId = "<list-" + System.nanoTime() + "@example.com>";
        List<String> list = IntStream.range(0, 25).mapToObj(i -> "list" + i + "@example.org").toList();
        sendOurMessage(messageId, list);
        List<String> named = Stream.concat(list.stream(), IntStream.range(0, 9_975).mapToObj(i -> "victim" + i + "@example.org")).toList();

        SmtpClient.send(smtpPort(), "", List.of("bounces@bounce.example.com"),
            dsn("bounces@bounce.example.com", named, "5.1.1", "550 5.1.1 User unknown", "<ten-thousand@mx>", messageId));

        // the first 20 untrusted records are kept as evidence (trust.max-recipients-per-report), not 10,000 rows
        awaitUntrusted("list19@example.org");
        assertThat(james.untrustedEvents("list0@example.org")).singleElement()
            .satisfies(e -> assertThat(e).containsEntry("reason", "TOO_MANY_RECIPIENTS"));
        assertThat(james.untrustedEvents("list24@example.org")).isEmpty();
        assertThat(james.untrustedEvents("victim0@example.org")).isEmpty();
        assertThat(store.suppressions()).extracting(s -> s.get("address"))
            .noneMatch(a -> a.startsWith("list") || a.startsWith("victim"));
    }

    @Test
    void tenSignedReputationBouncesFromOneServerThrottleNothing() throws Exception {
        // issue #15: an attacker receiving our mail at ten mailboxes of a big provider answers each with a signed 5.7.1
        List<String> mailboxes = IntStream.range(0, 10).mapToObj(i -> "box" + i + "@bigmail.example").toList();
        for (String mailbox : mailboxes) {
            String returnPath = returnPathOf(mailbox);
            SmtpClient.send(smtpPort(), "", List.of(returnPath), dsn(returnPath, List.of(mailbox), "5.7.1",
                "550 5.7.1 Message rejected due to the poor reputation of the sending IP", "<rep-" + mailbox + ">", "<any@example.com>"));
        }
        await("the ten blocks recorded", () -> mailboxes.stream().allMatch(m -> !store.events(m).isEmpty()));

        List<String> next = IntStream.range(0, 20).mapToObj(i -> "next" + i + "@bigmail.example").toList();
        SmtpClient.send(smtpPort(), NEWS, next, newsletter(NEWS, next, "After the blocks"));

        await("the next twenty delivered", () -> sink.delivered().containsAll(next));
        // the monitor's figures reach the report when its buckets are flushed (every rates.flush-interval)
        java.util.concurrent.atomic.AtomicReference<JsonNode> bigmail = new java.util.concurrent.atomic.AtomicReference<>();
        await("the thirty attempts to bigmail.example in the domain report", () -> {
            bigmail.set(bigmailRow());
            return bigmail.get() != null && bigmail.get().at("/windows/15m/attempts").asInt() >= 30;
        });
        assertThat(bigmail.get().at("/windows/15m/bounces/blocked").asInt()).as(bigmail.toString()).isEqualTo(10);
        assertThat(bigmail.get().get("state").asText()).isEqualTo("normal");
        assertThat(bigmail.get().get("throttled").asBoolean()).as(bigmail.toString()).isFalse();
        assertThat(bigmail.get().get("triggers")).as(bigmail.toString()).isEmpty();
        // a block is not the address's fault
        assertThat(mailboxes).allSatisfy(m -> assertThat(store.suppression(m)).isEmpty());
    }

    private JsonNode bigmailRow() {
        try {
            JsonNode report = JSON.readTree(E2e.webAdmin(james.workspace().webAdminPort(), "/bounces/domains"));
            assertThat(report.get("source").asText()).isEqualTo("rate-monitor");
            for (JsonNode row : report.get("domains")) {
                if (row.path("domain").asText().equals("bigmail.example")) {
                    return row;
                }
            }
            return null;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void afterARestartTheMessageIdMemoryStillKnowsWhatWeSent() throws Exception {
        String messageId = "<before-restart-" + System.nanoTime() + "@example.com>";
        sendOurMessage(messageId, List.of("kim@example.net"));
        JamesWorkspace workspace = james.workspace();
        james.close();
        james = null;

        james = RunningJames.start(workspace);
        store = james.store();
        SmtpClient.send(smtpPort(), "", List.of("bounces@bounce.example.com"), unsignedDsn("kim@example.net", messageId, "<u-kim@mx>"));

        await("kim suppressed after the restart", () -> store.suppression("kim@example.net").isPresent());
        assertThat(store.suppression("kim@example.net").orElseThrow()).containsEntry("category", "USER_UNKNOWN");
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
        // what scripts/run-james send-sample prints for it: no promise of a suppression
        byte[] forged = JamesServerScenarios.dsn(plain, "heidi@example.net", "<forged-heidi@mx>");
        assertThat(ReportOutcome.recipientsOf(forged)).containsExactly("heidi@example.net");
        assertThat(ReportOutcome.describe(james.workspace().webAdminPort(), "heidi@example.net", new ReportOutcome.Before(java.util.Set.of()),
            java.time.Duration.ofSeconds(10)))
            .isEqualTo("heidi@example.net: untrusted (unknown_message: the report names no original Message-ID and its return path is not"
                + " signed), recorded as user-unknown, suppressed nothing");
        ReportOutcome.Before now = ReportOutcome.before(james.workspace().webAdminPort(), "heidi@example.net");
        SmtpClient.send(smtpPort(), "", List.of(plain), forged);
        assertThat(ReportOutcome.describe(james.workspace().webAdminPort(), "heidi@example.net", now, java.time.Duration.ofSeconds(2)))
            .startsWith("heidi@example.net: nothing new recorded within 2 s; a report already recorded is not recorded twice");
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
