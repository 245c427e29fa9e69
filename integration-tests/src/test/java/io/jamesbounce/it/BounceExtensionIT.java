package io.jamesbounce.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.CoreDataModule;
import org.apache.james.GuiceJamesServer;
import org.apache.james.NaiveDelegationStoreModule;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.modules.MailetProcessingModule;
import org.apache.james.modules.server.DefaultProcessorsConfigurationProviderModule;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.transport.mailets.DSNBounce;
import org.apache.james.transport.mailets.RemoteDelivery;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jamesbounce.it.harness.HarnessProbe;
import io.jamesbounce.it.harness.MemoryBackendModule;

/**
 * James 3.9.0's real mailet container (its spooler, processors, mailet and matcher loaders, mailet
 * context and Guice injection), configured with conf-samples/mailetcontainer.xml,
 * extensions.properties and bounces-embedded.properties as shipped, the extension loaded from its
 * shaded jar in extensions-jars/. Mail enters by the spool queue, as James' SMTP server hands it over.
 */
class BounceExtensionIT {
    private static final AttributeName SMTP_IS_AUTH_NETWORK = AttributeName.of("org.apache.james.SMTPIsAuthNetwork");
    private static final String[] TEST_CONF = {"domainlist.xml", "dnsservice.xml", "usersrepository.xml", "mailrepositorystore.xml"};

    private static GuiceJamesServer server;
    private static HarnessProbe probe;
    private static ExtensionStore store;
    private static Path work;

    @BeforeAll
    static void boot() throws Exception {
        Path root = Path.of(System.getProperty("repository.root", ".."));
        Path samples = root.resolve("conf-samples");
        Path jar = Path.of(System.getProperty("extension.jar"));
        assertThat(jar).as("the shaded extension jar (mvn package)").exists();

        work = Files.createTempDirectory("james-bounce-it");
        Path conf = Files.createDirectories(work.resolve("conf"));
        for (String file : TEST_CONF) {
            try (InputStream in = BounceExtensionIT.class.getResourceAsStream("/james-conf/" + file)) {
                Files.copy(in, conf.resolve(file));
            }
        }
        // RetryLater's first wait in seconds instead of the sample's 30 s
        Files.writeString(conf.resolve("mailetcontainer.xml"), Files.readString(samples.resolve("mailetcontainer.xml"))
            .replace("<firstDelay>30s</firstDelay>", "<firstDelay>1s</firstDelay>"));
        Files.copy(samples.resolve("extensions.properties"), conf.resolve("extensions.properties"));
        Files.copy(samples.resolve("bounces-embedded.properties"), conf.resolve("bounces.properties"));
        // the reports below come back to unsigned return paths: the secure default would keep them as untrusted
        Files.writeString(conf.resolve("bounces.properties"), "\ntrust.mode=unchecked\n", StandardOpenOption.APPEND);
        Files.copy(jar, Files.createDirectories(work.resolve("extensions-jars")).resolve(jar.getFileName()),
            StandardCopyOption.REPLACE_EXISTING);

        server = GuiceJamesServer.forConfiguration(Configuration.builder().workingDirectory(work.toFile()).build())
            .combineWith(new MailetProcessingModule(), new DefaultProcessorsConfigurationProviderModule(),
                new CoreDataModule(), new NaiveDelegationStoreModule(), new MemoryBackendModule());
        long start = System.nanoTime();
        server.start();
        System.out.printf("BOUNCE-IT james-boot-ms=%d%n", (System.nanoTime() - start) / 1_000_000);
        probe = server.getProbe(HarnessProbe.class);
        store = new ExtensionStore(probe.loader);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void theExtensionIsLoadedFromExtensionsJars() {
        assertThat(store.classLoader()).isNotSameAs(BounceExtensionIT.class.getClassLoader());
        assertThat(work.resolve("var/bounces/suppressions.mv.db")).exists();
    }

    @Test
    void inboundReportsUpdateTheStore() throws Exception {
        deliver(fixture("dsn-user-unknown.eml"), MaybeSender.nullSender(), "bounces+alice=example.org@bounce.example.com");
        deliver(fixture("qmail-user-unknown.eml"), MaybeSender.nullSender(), "bounces+dave=example.org@bounce.example.com");
        deliver(fixture("dsn-mailbox-full.eml"), MaybeSender.nullSender(), "bounces@bounce.example.com");
        deliver(fixture("arf-abuse.eml"), MaybeSender.getMailSender("fbl-reports@isp.example.net"), "fbl@example.com");
        deliver(fixture("auto-reply.eml"), MaybeSender.nullSender(), "bounces+frank=example.org@bounce.example.com");

        await(() -> store.suppression("alice@example.org").isPresent() && store.suppression("dave@example.org").isPresent()
            && store.suppression("carol@isp.example.net").isPresent() && !store.events("bob@example.net").isEmpty()
            && size("file://var/mail/bounce-unrecognised/") > 0, "reports recorded");

        Map<String, String> alice = store.suppression("alice@example.org").orElseThrow();
        assertThat(alice).containsEntry("category", "USER_UNKNOWN").containsEntry("source", "DSN")
            .containsEntry("status", "5.1.1").containsEntry("replyCode", "550")
            .containsEntry("originalMessageId", "<newsletter-0303-alice@example.com>");
        assertThat(store.suppression("dave@example.org").orElseThrow()).containsEntry("category", "USER_UNKNOWN");
        assertThat(store.suppression("carol@isp.example.net").orElseThrow())
            .containsEntry("category", "COMPLAINT").containsEntry("source", "ARF");
        // a full mailbox is a soft failure: counted, not suppressed yet
        assertThat(store.suppression("bob@example.net")).isEmpty();
        assertThat(store.events("bob@example.net")).singleElement().satisfies(e -> assertThat(e).containsEntry("category", "MAILBOX_FULL"));
        // an auto-reply is not a report: kept apart for the postmaster, never bounced back
        assertThat(recipientsIn("file://var/mail/bounce-unrecognised/")).contains("bounces+frank=example.org@bounce.example.com");
        assertThat(recipientsIn("file://var/mail/address-error/")).doesNotContain("bounces+frank=example.org@bounce.example.com");
        assertThat(size("file://var/mail/error/")).isZero();
        assertThat(size("file://var/mail/bounce-unreadable/")).isZero();
    }

    @Test
    void outboundMailReachesOnlyTheRecipientsThatAreNotSuppressed() throws Exception {
        deliver(fixture("dsn-user-unknown.eml"), MaybeSender.nullSender(), "bounces+alice=example.org@bounce.example.com");
        await(() -> store.suppression("alice@example.org").isPresent(), "alice suppressed");

        deliverOutbound("news@example.com", "alice@example.org", "clean@example.net");

        await(() -> recipientsIn(RemoteDelivery.OUTBOUND).contains("clean@example.net")
            && recipientsIn("file://var/mail/suppressed/").contains("alice@example.org"), "outbound mail handled");
        assertThat(recipientsIn(RemoteDelivery.OUTBOUND)).contains("clean@example.net").doesNotContain("alice@example.org");
        Mail sent = mailsIn(RemoteDelivery.OUTBOUND).stream()
            .filter(m -> m.getRecipients().contains(address("clean@example.net"))).findFirst().orElseThrow();
        assertThat(sent.getRecipients()).hasSize(1);
        assertThat(sent.getMaybeSender().asString()).isEqualTo("bounces+clean=example.net@bounce.example.com");
    }

    @Test
    void jamesOwnDeliveryFailuresAreRecordedWithTheSmtpReply() throws Exception {
        deliverOutbound("news@example.com", "ghost@" + RemoteDelivery.REJECTING_DOMAIN);

        await(() -> store.suppression("ghost@" + RemoteDelivery.REJECTING_DOMAIN).isPresent(), "delivery failure recorded");
        assertThat(store.suppression("ghost@" + RemoteDelivery.REJECTING_DOMAIN).orElseThrow())
            .containsEntry("source", "SYNCHRONOUS_DELIVERY_FAILURE").containsEntry("category", "USER_UNKNOWN")
            .containsEntry("diagnostic", "550 5.1.1 <ghost@reject.example.net>: Recipient address rejected: User unknown in virtual mailbox table");
        // its sender is our own VERP address: the sample sends no DSN to ourselves; checked once the spool
        // has finished with every mail (the queue counts a mail until its processing is done)
        await(() -> probe.queues.getQueue(MailQueueFactory.SPOOL).orElseThrow().unfinished() == 0, "spool drained");
        assertThat(recipientsIn(DSNBounce.SENT)).isEmpty();
    }

    @Test
    void aReportWaitingInBounceRetryGoesBackToRootByItselfAndIsRecorded() throws Exception {
        byte[] dsn = new String(fixture("dsn-user-unknown.eml"), StandardCharsets.US_ASCII).replace("alice", "retried")
            .replace(".B1@", ".B1-retried@").getBytes(StandardCharsets.US_ASCII);
        long start = System.nanoTime();

        // where onMailetException put a report the store could not take: RetryLater sends it back to root
        enqueueIn("bounce-retry", dsn, MaybeSender.nullSender(), false, "bounces@bounce.example.com");

        await(() -> store.suppression("retried@example.org").isPresent(), "the retried report recorded");
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("BOUNCE-IT retried-after-ms=%d%n", tookMs);
        assertThat(tookMs).as("after RetryLater's first wait of 1 s").isGreaterThanOrEqualTo(1_000);
        await(() -> probe.queues.getQueue(MailQueueFactory.SPOOL).orElseThrow().unfinished() == 0, "spool drained");
        assertThat(recipientsIn("file://var/mail/bounce-retry/")).isEmpty();
    }

    @Test
    void corpusReportsAreRecorded() throws Exception {
        Path corpus = Path.of(System.getProperty("corpus.dir", "../../shared/corpus"));
        assumeTrue(Files.exists(corpus.resolve("labels.jsonl")), "no corpus at " + corpus + ": skipped");
        List<JsonNode> picked = new ArrayList<>();
        Set<String> groups = new HashSet<>();
        // The corpus reuses report Message-IDs and recipients across samples; the store keys events by both,
        // so a recipient is delivered once, else the first of two reports would decide, in spooler order.
        Set<String> recipients = new HashSet<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(corpus.resolve("labels.jsonl"))) {
            JsonNode label = json.readTree(line);
            JsonNode expected = label.path("expected");
            String category = expected.path("category").asText("");
            boolean suppressing = category.equals("user-unknown") || category.equals("bad-domain")
                || (category.equals("complaint") && expected.path("feedback_type").asText("abuse").equals("abuse"));
            String group = label.path("dup_group").asText(label.path("path").asText());
            if (suppressing && expected.hasNonNull("recipient") && label.path("path").asText().contains("/maildir/bsd/")
                && picked.size() < 60 && groups.add(group) && recipients.add(expected.path("recipient").asText().toLowerCase())) {
                picked.add(label);
            }
        }
        long start = System.nanoTime();
        for (JsonNode label : picked) {
            byte[] bytes = Files.readAllBytes(corpus.resolve(label.path("path").asText()));
            boolean complaint = label.path("expected").path("category").asText().equals("complaint");
            deliver(bytes, complaint ? MaybeSender.getMailSender("fbl@isp.example") : MaybeSender.nullSender(),
                complaint ? "fbl@example.com" : "bounces@bounce.example.com");
        }
        await(() -> probe.queues.getQueue(MailQueueFactory.SPOOL).orElseThrow().unfinished() == 0, "spool drained");
        int suppressed = 0;
        List<String> missed = new ArrayList<>();
        for (JsonNode label : picked) {
            String recipient = label.path("expected").path("recipient").asText();
            if (store.suppression(recipient).isPresent()) {
                suppressed++;
            } else {
                missed.add(label.path("path").asText() + " " + recipient);
            }
        }
        System.out.printf("BOUNCE-IT corpus messages=%d suppressed=%d ms=%d missed=%s%n", picked.size(), suppressed,
            (System.nanoTime() - start) / 1_000_000, missed);
        assertThat(picked).hasSizeGreaterThan(20);
        assertThat(suppressed).as("recipients suppressed, missed: " + missed).isGreaterThanOrEqualTo(picked.size() * 8 / 10);
        assertThat(size("file://var/mail/error/")).isZero();
    }

    // ---- helpers

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = BounceExtensionIT.class.getResourceAsStream("/eml/" + name)) {
            return in.readAllBytes();
        }
    }

    private static void deliver(byte[] message, MaybeSender sender, String... recipients) throws Exception {
        enqueue(message, sender, false, recipients);
    }

    private static void deliverOutbound(String sender, String... recipients) throws Exception {
        String message = "From: News <" + sender + ">\r\nTo: " + String.join(", ", recipients) + "\r\nSubject: April newsletter\r\n"
            + "Message-ID: <april-" + System.nanoTime() + "@example.com>\r\n\r\nHello.\r\n";
        enqueue(message.getBytes(StandardCharsets.US_ASCII), MaybeSender.getMailSender(sender), true, recipients);
    }

    /** What James' SMTP server does with a received mail: a MailImpl on the spool queue. */
    private static void enqueue(byte[] message, MaybeSender sender, boolean fromAuthorizedNetwork, String... recipients) throws Exception {
        enqueueIn(Mail.DEFAULT, message, sender, fromAuthorizedNetwork, recipients);
    }

    /** As {@link #enqueue}, for the processor {@code state}. */
    private static void enqueueIn(String state, byte[] message, MaybeSender sender, boolean fromAuthorizedNetwork, String... recipients)
        throws Exception {
        List<MailAddress> rcpts = new ArrayList<>();
        for (String r : recipients) {
            rcpts.add(address(r));
        }
        MailImpl mail = MailImpl.builder()
            .name(MailImpl.getId())
            .sender(sender)
            .addRecipients(rcpts)
            .mimeMessage(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(message)))
            .remoteAddr("127.0.0.1")
            .remoteHost("localhost")
            .addAttribute(new Attribute(SMTP_IS_AUTH_NETWORK, AttributeValue.of(fromAuthorizedNetwork)))
            .state(state)
            .build();
        probe.queues.createQueue(MailQueueFactory.SPOOL).enQueue(mail); // the queue keeps its own copy
        LifecycleUtil.dispose(mail);
    }

    private static MailAddress address(String value) {
        try {
            return new MailAddress(value);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static MailRepository repository(String url) {
        try {
            return probe.repositories.select(MailRepositoryUrl.from(url));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long size(String url) {
        try {
            return repository(url).size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Mail> mailsIn(String url) {
        try {
            MailRepository repository = repository(url);
            List<Mail> mails = new ArrayList<>();
            for (Iterator<MailKey> keys = repository.list(); keys.hasNext(); ) {
                mails.add(repository.retrieve(keys.next()));
            }
            return mails;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> recipientsIn(String url) {
        return mailsIn(url).stream().flatMap(m -> m.getRecipients().stream()).map(MailAddress::asString).toList();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }
}
