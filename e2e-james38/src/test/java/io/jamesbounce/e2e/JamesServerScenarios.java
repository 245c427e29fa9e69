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

/**
 * The scenarios every store backend runs in the full James 3.8.1 server: reports in over SMTP, outbound
 * mail out through RemoteDelivery to a loopback SMTP sink, James' own delivery failures, VERP. One James
 * per test class, shared by the scenarios; each scenario uses its own addresses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JamesServerScenarios {
    static final String NEWS = "news@example.com";
    static final String REJECTED = "ghost@reject.example.net";
    static final String REJECTED_REPLY = "550 5.1.1 <ghost@reject.example.net>: Recipient address rejected: User unknown in virtual mailbox table";
    static final String DEFERRED = "busy@full.example.net";
    static final String DEFERRED_REPLY = "452 4.2.2 <busy@full.example.net>: Mailbox full, try again later";

    protected SmtpSink sink;
    protected RunningJames james;
    protected ExtensionStore store;
    protected Path work;

    /** The backend's part of the working folder (the rest is shared). */
    abstract JamesWorkspace.Builder backend(JamesWorkspace.Builder builder) throws Exception;

    abstract String backendName();

    @BeforeAll
    void boot() throws Exception {
        sink = SmtpSink.start().answer(REJECTED, REJECTED_REPLY).answer(DEFERRED, DEFERRED_REPLY);
        work = Files.createTempDirectory("james38-e2e-");
        JamesWorkspace workspace = backend(JamesWorkspace.builder(E2e.repositoryRoot(), E2e.extensionJar(), work)
            // these scenarios send reports to unsigned return paths: the secure default would keep them as untrusted
            .bounceSettings("trust.mode=unchecked")
            .smtpPort(E2e.freePort())
            .webAdminPort(E2e.freePort())
            .gatewayPort(sink.port())
            // the sample's retries are minutes apart; three retries 200 ms apart here
            .retryDelays("200, 200, 200"))
            .build();
        james = RunningJames.start(workspace);
        store = james.store();
        System.out.printf("E2E-JAMES38 backend=%s james-boot-ms=%d%n", backendName(), james.bootTime().toMillis());
    }

    @AfterAll
    void shutdown() throws Exception {
        if (james != null) {
            james.close();
            james = null;
        }
        if (sink != null) {
            sink.close();
            sink = null;
        }
    }

    int smtpPort() {
        return james.workspace().smtpPort();
    }

    /** The reports of the fixtures, sent over SMTP as receivers send them; idempotent (the store keys them). */
    void sendReports() throws Exception {
        SmtpClient.send(smtpPort(), "", List.of("bounces+alice=example.org@bounce.example.com"), fixture("dsn-user-unknown.eml"));
        SmtpClient.send(smtpPort(), "", List.of("bounces+dave=example.org@bounce.example.com"), fixture("qmail-user-unknown.eml"));
        SmtpClient.send(smtpPort(), "", List.of("bounces@bounce.example.com"), fixture("dsn-mailbox-full.eml"));
        SmtpClient.send(smtpPort(), "fbl-reports@isp.example.net", List.of("fbl@example.com"), fixture("arf-abuse.eml"));
        await("the reports in the store", () -> store.suppression("alice@example.org").isPresent()
            && store.suppression("dave@example.org").isPresent() && store.suppression("carol@isp.example.net").isPresent()
            && !store.events("bob@example.net").isEmpty());
    }

    @Test
    void reportsSentOverSmtpUpdateTheStore() throws Exception {
        long start = System.nanoTime();
        SmtpClient.send(smtpPort(), "", List.of("bounces+alice=example.org@bounce.example.com"), fixture("dsn-user-unknown.eml"));
        await("alice suppressed", () -> store.suppression("alice@example.org").isPresent());
        System.out.printf("E2E-JAMES38 backend=%s smtp-to-store-ms=%d%n", backendName(), (System.nanoTime() - start) / 1_000_000);
        sendReports();

        assertThat(store.suppression("alice@example.org").orElseThrow())
            .containsEntry("category", "USER_UNKNOWN").containsEntry("source", "DSN")
            .containsEntry("status", "5.1.1").containsEntry("replyCode", "550")
            .containsEntry("originalMessageId", "<newsletter-0303-alice@example.com>");
        assertThat(store.suppression("dave@example.org").orElseThrow()).containsEntry("category", "USER_UNKNOWN");
        assertThat(store.suppression("carol@isp.example.net").orElseThrow())
            .containsEntry("category", "COMPLAINT").containsEntry("source", "ARF");
        // a full mailbox is soft: counted, not suppressed
        assertThat(store.suppression("bob@example.net")).isEmpty();
        assertThat(store.events("bob@example.net")).singleElement().satisfies(e -> assertThat(e).containsEntry("category", "MAILBOX_FULL"));
        // the same report twice counts once
        assertThat(store.events("alice@example.org")).hasSize(1);
    }

    @Test
    void outboundMailReachesEveryCleanRecipientAndNoSuppressedOne() throws Exception {
        sendReports();
        List<String> suppressed = List.of("alice@example.org", "Dave@Example.org", "carol@isp.example.net");
        List<String> clean = List.of("clean1@example.net", "clean2@example.net", "bob@example.net");
        List<String> all = List.of(suppressed.get(0), clean.get(0), suppressed.get(1), clean.get(1), suppressed.get(2), clean.get(2));

        SmtpClient.send(smtpPort(), NEWS, all, newsletter(NEWS, all, "May newsletter"));

        await("every clean recipient delivered", () -> sink.delivered().containsAll(clean));
        // James lower-cases the domain, keeps the local part
        await("the suppressed recipients kept aside", () -> suppressedRepository().containsAll(
            List.of("alice@example.org", "Dave@example.org", "carol@isp.example.net")));
        assertThat(sink.contacted()).doesNotContainAnyElementsOf(suppressed)
            .noneMatch(r -> r.equalsIgnoreCase("dave@example.org"));
        for (String recipient : clean) {
            SmtpSink.Delivery delivery = sink.deliveries().stream().filter(d -> d.recipients().contains(recipient)).findFirst().orElseThrow();
            assertThat(delivery.recipients()).containsExactly(recipient);
            assertThat(delivery.mailFrom()).isEqualTo("bounces+" + recipient.replace('@', '=') + "@bounce.example.com");
            assertThat(delivery.data()).contains("Subject: May newsletter").contains("\r\n.a line with a leading dot\r\n");
        }
    }

    @Test
    void jamesOwnDeliveryFailuresReachTheStoreWithTheVerbatimReply() throws Exception {
        SmtpClient.send(smtpPort(), NEWS, List.of(REJECTED, DEFERRED), newsletter(NEWS, List.of(REJECTED, DEFERRED), "June newsletter"));

        await("the 550 recorded", () -> store.suppression(REJECTED).isPresent());
        assertThat(store.suppression(REJECTED).orElseThrow())
            .containsEntry("source", "SYNCHRONOUS_DELIVERY_FAILURE").containsEntry("category", "USER_UNKNOWN")
            .containsEntry("replyCode", "550").containsEntry("status", "5.1.1");
        assertThat(store.suppression(REJECTED).orElseThrow().get("diagnostic")).contains(REJECTED_REPLY);

        // 452 is temporary: RemoteDelivery retries (3 times here), then gives up; the failure is recorded, soft.
        // James 3.8.1 hands the bounce processor its own words only: the last reply is the cause of the
        // exception its Bouncer was given, which no attribute carries. The sink saw every attempt refused verbatim.
        await("the 452 recorded after the retries", () -> !store.events(DEFERRED).isEmpty());
        assertThat(sink.attempts()).filteredOn(a -> a.recipient().equals(DEFERRED)).hasSize(4)
            .allSatisfy(a -> assertThat(a.reply()).isEqualTo(DEFERRED_REPLY));
        assertThat(store.events(DEFERRED)).singleElement().satisfies(e -> assertThat(e)
            .containsEntry("source", "SYNCHRONOUS_DELIVERY_FAILURE").containsEntry("category", "EXPIRED")
            .containsEntry("ruleId", "remote-delivery.retries-exhausted")
            .containsEntry("diagnostic", "Too many retries failure. Bouncing after 3 retries."));
        assertThat(store.suppression(DEFERRED)).isEmpty();
        assertThat(sink.delivered()).doesNotContain(REJECTED, DEFERRED);
    }

    @Test
    void aBounceToTheVerpReturnPathSuppressesExactlyTheEncodedRecipient() throws Exception {
        List<String> recipients = List.of("frank@example.net", "grace@example.net");
        SmtpClient.send(smtpPort(), NEWS, recipients, newsletter(NEWS, recipients, "July newsletter"));
        await("both delivered", () -> sink.delivered().containsAll(recipients));
        String returnPath = sink.deliveries().stream().filter(d -> d.recipients().contains("frank@example.net"))
            .findFirst().orElseThrow().mailFrom();
        assertThat(returnPath).isEqualTo("bounces+frank=example.net@bounce.example.com");

        // the receiver's DSN comes back to the return path James used
        SmtpClient.send(smtpPort(), "", List.of(returnPath), dsn(returnPath, "frank@example.net", "<verp-frank@mx.example.net>"));

        await("frank suppressed", () -> store.suppression("frank@example.net").isPresent());
        assertThat(store.suppression("frank@example.net").orElseThrow()).containsEntry("category", "USER_UNKNOWN");
        assertThat(store.suppression("grace@example.net")).isEmpty();
        assertThat(store.events("grace@example.net")).isEmpty();
    }

    /** A Postfix-style RFC 3464 report for one recipient, sent to {@code to}. */
    static byte[] dsn(String to, String recipient, String messageId) {
        return ("""
            From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
            To: %1$s
            Subject: Undelivered Mail Returned to Sender
            Date: Tue, 3 Mar 2026 10:15:01 +0000
            Message-ID: %3$s
            Auto-Submitted: auto-replied
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

            --b1
            Content-Type: text/plain; charset=us-ascii

            <%2$s>: host mx.example.net[192.0.2.20] said: 550 5.1.1 <%2$s>: Recipient
                address rejected: User unknown in local recipient table (in reply to RCPT TO command)

            --b1
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.net

            Final-Recipient: rfc822; %2$s
            Action: failed
            Status: 5.1.1
            Remote-MTA: dns; mx.example.net
            Diagnostic-Code: smtp; 550 5.1.1 <%2$s>: Recipient address rejected: User unknown in local recipient table

            --b1--
            """).formatted(to, recipient, messageId).getBytes(StandardCharsets.US_ASCII);
    }

    /** The recipients of the audit copies DropSuppressedRecipients sent to the "suppressed" processor. */
    List<String> suppressedRepository() {
        return E2e.repositoryRecipients(james, "var/mail/suppressed");
    }
}
