package io.jamesbounce.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

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
import org.apache.james.transport.mailets.RemoteDelivery;
import org.apache.james.utils.ClassName;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.jamesbounce.it.harness.HarnessProbe;
import io.jamesbounce.it.harness.MemoryBackendModule;

/**
 * Per-domain bounce rates in James 3.9.0's real mailet container, configured with the shipped
 * samples (mailetcontainer.xml: ThrottleByDomainRate before RemoteDelivery, held mail back in the
 * spool queue until its slot) and bounces-embedded.properties with only the monitor's timing and
 * throttle overridden so that the test runs in seconds: flush every 200 ms, evaluate every 300 ms, a
 * throttled domain gets 1 message a second, held mail looks again every second. Windows and
 * thresholds stay the defaults (100 attempts at least, 10 % hard bounces for CRITICAL): 150 mails
 * to example.org then 20 user-unknown DSNs from it make 13 %.
 */
class DomainRatesIT {
    private static final AttributeName SMTP_IS_AUTH_NETWORK = AttributeName.of("org.apache.james.SMTPIsAuthNetwork");
    private static final String[] TEST_CONF = {"domainlist.xml", "dnsservice.xml", "usersrepository.xml", "mailrepositorystore.xml"};
    /** No postmaster mailbox in this harness: James' transport sends the alert to local-address-error. */
    private static final String POSTMASTER_LANDS_IN = "file://var/mail/address-error/";
    private static final String FAST_MONITOR = """

        # DomainRatesIT: a fast monitor
        rates.flush-interval=200ms
        rates.evaluate-interval=300ms
        rates.throttled-per-minute=60
        rates.critical-per-minute=60
        rates.throttle-burst=1
        """;

    private static GuiceJamesServer server;
    private static HarnessProbe probe;

    @BeforeAll
    static void boot() throws Exception {
        Path root = Path.of(System.getProperty("repository.root", ".."));
        Path samples = root.resolve("conf-samples");
        Path jar = Path.of(System.getProperty("extension.jar"));
        Path work = Files.createTempDirectory("james-rates-it");
        Path conf = Files.createDirectories(work.resolve("conf"));
        for (String file : TEST_CONF) {
            try (InputStream in = DomainRatesIT.class.getResourceAsStream("/james-conf/" + file)) {
                Files.copy(in, conf.resolve(file));
            }
        }
        Files.writeString(conf.resolve("mailetcontainer.xml"), Files.readString(samples.resolve("mailetcontainer.xml"))
            .replace("<recheck>5m</recheck>", "<recheck>1s</recheck>"));
        Files.copy(samples.resolve("extensions.properties"), conf.resolve("extensions.properties"));
        Files.copy(samples.resolve("bounces-embedded.properties"), conf.resolve("bounces.properties"));
        // the reports below come back to unsigned return paths: the secure default would keep them as untrusted
        Files.writeString(conf.resolve("bounces.properties"), "\ntrust.mode=unchecked\n", StandardOpenOption.APPEND);
        Files.writeString(conf.resolve("bounces.properties"), FAST_MONITOR, StandardOpenOption.APPEND);
        Files.copy(jar, Files.createDirectories(work.resolve("extensions-jars")).resolve(jar.getFileName()),
            StandardCopyOption.REPLACE_EXISTING);

        server = GuiceJamesServer.forConfiguration(Configuration.builder().workingDirectory(work.toFile()).build())
            .combineWith(new MailetProcessingModule(), new DefaultProcessorsConfigurationProviderModule(),
                new CoreDataModule(), new NaiveDelegationStoreModule(), new MemoryBackendModule());
        server.start();
        probe = server.getProbe(HarnessProbe.class);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aBurstOfBouncesThrottlesTheDomainHeldMailDrainsAtItsRateByItselfAndAReleaseLetsTheRestGo() throws Exception {
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            first.add("u" + i + "@example.org");
        }
        deliverOutbound(first.toArray(String[]::new));
        await(() -> recipientsIn(RemoteDelivery.OUTBOUND).size() == 150, "150 mails sent to example.org");

        byte[] dsn = fixture("dsn-user-unknown.eml");
        for (int i = 0; i < 20; i++) {
            String report = new String(dsn, StandardCharsets.US_ASCII).replace("alice", "u" + i).replace(".B1@", ".B1-" + i + "@");
            deliver(report.getBytes(StandardCharsets.US_ASCII), "bounces+u" + i + "=example.org@bounce.example.com");
        }
        long start = System.nanoTime();
        await(() -> alertSubjects().contains("[bounce-rate] example.org is CRITICAL (60 messages/min)"), "the CRITICAL alert mail");
        System.out.printf("RATES-IT alert-after-ms=%d alerts=%s%n", (System.nanoTime() - start) / 1_000_000, alertSubjects());

        // six mails at once: one goes, five wait for their slots one second apart, with no command
        deliverOutbound("later1@example.org", "later2@example.org", "later3@example.org", "later4@example.org",
            "later5@example.org", "later6@example.org", "fine@example.net");
        Map<String, Long> arrivals = watchArrivals("later", 6, Duration.ofSeconds(30));
        long first6 = arrivals.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        long last6 = arrivals.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        System.out.printf("RATES-IT drained held=5 rate=60/min first-to-last-ms=%d%n", (last6 - first6) / 1_000_000);
        assertThat(recipientsIn(RemoteDelivery.OUTBOUND)).contains("fine@example.net");
        assertThat(Duration.ofNanos(last6 - first6)).as("at one a second, the sixth leaves about 5 s after the first")
            .isBetween(Duration.ofMillis(4_000), Duration.ofMillis(9_000));

        // twenty more hold slots 20 s ahead; a release lets them go at their next look (every second)
        String[] more = new String[20];
        for (int i = 0; i < more.length; i++) {
            more[i] = "after" + i + "@example.org";
        }
        deliverOutbound(more);
        await(() -> countAt(RemoteDelivery.OUTBOUND, "after") >= 1, "the first of the twenty");
        extensionDomainRates().getClass().getMethod("release", String.class, String.class, String.class)
            .invoke(extensionDomainRates(), "example.org", "DomainRatesIT", "list cleaned");
        long released = System.nanoTime();
        await(() -> countAt(RemoteDelivery.OUTBOUND, "after") == 20, "all twenty after the release");
        long tookMs = (System.nanoTime() - released) / 1_000_000;
        System.out.printf("RATES-IT after-release all-20-in-ms=%d%n", tookMs);
        assertThat(tookMs).as("well before their 20 s of slots").isLessThan(10_000);
    }

    /** When each recipient starting with {@code prefix} reached RemoteDelivery, in nanoTime, watched every 50 ms. */
    private static Map<String, Long> watchArrivals(String prefix, int expected, Duration timeout) throws InterruptedException {
        Map<String, Long> arrivals = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (arrivals.size() < expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + arrivals.keySet() + " of " + expected + " reached RemoteDelivery");
            }
            for (String r : recipientsIn(RemoteDelivery.OUTBOUND)) {
                if (r.startsWith(prefix)) {
                    arrivals.putIfAbsent(r, System.nanoTime());
                }
            }
            Thread.sleep(50);
        }
        return arrivals;
    }

    // ---- helpers

    private static Object extensionDomainRates() {
        try {
            return probe.loader.instantiate(new ClassName("io.jamesbounce.store.DomainRates"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> alertSubjects() {
        return read(POSTMASTER_LANDS_IN, m -> {
            try {
                return m.getRecipients().stream().anyMatch(r -> r.asString().equals("postmaster@example.com"))
                    ? m.getMessage().getSubject() : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).stream().filter(s -> s != null && s.startsWith("[bounce-rate]")).toList();
    }

    private static long countAt(String url, String localPrefix) {
        return recipientsIn(url).stream().filter(r -> r.startsWith(localPrefix)).count();
    }

    private static byte[] fixture(String name) throws Exception {
        try (InputStream in = DomainRatesIT.class.getResourceAsStream("/eml/" + name)) {
            return in.readAllBytes();
        }
    }

    private static void deliver(byte[] message, String recipient) throws Exception {
        enqueue(message, MaybeSender.nullSender(), false, recipient);
    }

    private static void deliverOutbound(String... recipients) throws Exception {
        String message = "From: News <news@example.com>\r\nTo: undisclosed-recipients:;\r\nSubject: Rates\r\n"
            + "Message-ID: <rates-" + System.nanoTime() + "@example.com>\r\n\r\nHello.\r\n";
        enqueue(message.getBytes(StandardCharsets.US_ASCII), MaybeSender.getMailSender("news@example.com"), true, recipients);
    }

    private static void enqueue(byte[] message, MaybeSender sender, boolean fromAuthorizedNetwork, String... recipients) throws Exception {
        List<MailAddress> rcpts = new ArrayList<>();
        for (String r : recipients) {
            rcpts.add(new MailAddress(r));
        }
        MailImpl mail = MailImpl.builder()
            .name(MailImpl.getId())
            .sender(sender)
            .addRecipients(rcpts)
            .mimeMessage(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(message)))
            .remoteAddr("127.0.0.1")
            .remoteHost("localhost")
            .addAttribute(new Attribute(SMTP_IS_AUTH_NETWORK, AttributeValue.of(fromAuthorizedNetwork)))
            .build();
        probe.queues.createQueue(MailQueueFactory.SPOOL).enQueue(mail);
        LifecycleUtil.dispose(mail);
    }

    /** What {@code reading} says of each mail of a repository; the mails are disposed of after. */
    private static <T> List<T> read(String url, Function<Mail, T> reading) {
        try {
            MailRepository repository = probe.repositories.select(MailRepositoryUrl.from(url));
            List<T> out = new ArrayList<>();
            for (Iterator<MailKey> keys = repository.list(); keys.hasNext(); ) {
                Mail mail = repository.retrieve(keys.next());
                if (mail != null) {
                    out.add(reading.apply(mail));
                    LifecycleUtil.dispose(mail);
                }
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> recipientsIn(String url) {
        return read(url, m -> m.getRecipients().stream().map(MailAddress::asString).toList()).stream()
            .flatMap(List::stream).toList();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for: " + what + "; alerts " + alertSubjects());
            }
            Thread.sleep(100);
        }
    }
}
