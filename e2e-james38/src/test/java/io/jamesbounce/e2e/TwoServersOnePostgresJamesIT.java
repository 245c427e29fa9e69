package io.jamesbounce.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A cluster acts as one server: two full James 3.8.1 servers on one PostgreSQL, with the shipped
 * samples and a monitor fast enough for a test (flush every 200 ms, evaluate every 300 ms, a
 * throttled domain gets 60 messages a minute in total, burst 1, held mail looks again every second).
 * 150 mails to example.org, then 20 user-unknown DSNs for them (13 %): both servers see the domain
 * CRITICAL. Twenty more mails, half through each server, reach the loopback sink one a second in
 * total (one schedule in the store), all of them, with no command; the postmaster gets one alert per
 * state change, from one server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoServersOnePostgresJamesIT {
    private static final String[] FAST_MONITOR = {"trust.mode=unchecked", "rates.flush-interval=200ms",
        "rates.evaluate-interval=300ms", "rates.throttled-per-minute=60", "rates.critical-per-minute=60", "rates.throttle-burst=1"};
    private static final int HELD = 20;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern ALERT_SUBJECT = Pattern.compile("\\[bounce-rate\\] example\\.org is [A-Z]+( \\(\\d+ messages/min\\))?");

    private EmbeddedPostgres postgres;
    private SmtpSink sink;
    private RunningJames first;
    private RunningJames second;

    @BeforeAll
    void boot() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        sink = SmtpSink.start();
        first = RunningJames.start(workspace("james38-cluster-a-"));
        second = RunningJames.start(workspace("james38-cluster-b-"));
    }

    private JamesWorkspace workspace(String prefix) throws IOException {
        return JamesWorkspace.builder(E2e.repositoryRoot(), E2e.extensionJar(), Files.createTempDirectory(prefix))
            .bounceSettings(FAST_MONITOR)
            .throttleRecheck("1s")
            .withoutProcessorMBeans()
            .smtpPort(E2e.freePort())
            .webAdminPort(E2e.freePort())
            .gatewayPort(sink.port())
            .postgres(new JamesWorkspace.Postgres("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres",
                "postgres", "postgres", Optional.empty()))
            .build();
    }

    @AfterAll
    void shutdown() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {second, first, sink, postgres}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void twoServersDrainAThrottledDomainAtItsRateInTotalAndAlertOnce() throws Exception {
        List<String> first150 = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            first150.add("u" + i + "@example.org");
        }
        SmtpClient.send(first.workspace().smtpPort(), JamesServerScenarios.NEWS, first150,
            E2e.newsletter(JamesServerScenarios.NEWS, first150, "Before"));
        await("150 mails delivered", () -> sink.delivered().stream().filter(r -> r.startsWith("u")).count() == 150);
        for (int i = 0; i < 20; i++) {
            String returnPath = "bounces+u" + i + "=example.org@bounce.example.com";
            RunningJames to = i % 2 == 0 ? first : second;
            SmtpClient.send(to.workspace().smtpPort(), "", List.of(returnPath),
                JamesServerScenarios.dsn(returnPath, "u" + i + "@example.org", "<cluster-" + i + "@mx.example.org>"));
        }
        await("the 20 bounces recorded", () -> count("SELECT count(*) FROM suppression") == 20);
        // both servers' monitors see the shared figures at CRITICAL before the held mail is sent
        await("both servers at CRITICAL", () -> first.domainState("example.org").equals("CRITICAL")
            && second.domainState("example.org").equals("CRITICAL"));

        for (int i = 0; i < HELD; i++) {
            String recipient = "later" + i + "@example.org";
            SmtpClient.send((i % 2 == 0 ? first : second).workspace().smtpPort(), JamesServerScenarios.NEWS, List.of(recipient),
                E2e.newsletter(JamesServerScenarios.NEWS, List.of(recipient), "Later"));
        }
        await("all " + HELD + " held mails delivered", () -> sink.delivered().stream().filter(r -> r.startsWith("later")).count() >= HELD);

        Map<String, Long> delivered = sink.delivered().stream().filter(r -> r.startsWith("later"))
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        List<Instant> arrivals = sink.deliveries().stream().filter(d -> d.recipients().getFirst().startsWith("later"))
            .map(SmtpSink.Delivery::at).sorted().toList();
        Duration span = Duration.between(arrivals.getFirst(), arrivals.getLast());
        List<String> alerts = new ArrayList<>(alerts(first));
        alerts.addAll(alerts(second));
        System.out.printf("E2E-JAMES38 cluster servers=2 held=%d rate=60/min-in-total first-to-last-ms=%d alerts=%s%n",
            HELD, span.toMillis(), alerts);
        assertThat(delivered).hasSize(HELD).allSatisfy((recipient, times) -> assertThat(times).as(recipient).isEqualTo(1L));
        assertThat(span).as("one a second in total: each server alone would have sent its ten in about 9 s")
            .isBetween(Duration.ofSeconds(HELD - 3), Duration.ofSeconds(HELD + 15));
        assertThat(alerts).as("one alert per change, from one server: the rate climbs through the states as the DSNs arrive")
            .doesNotHaveDuplicates().contains("[bounce-rate] example.org is CRITICAL (60 messages/min)");
    }

    /** The subjects of the domain-rate alerts a server sent: kept in address-error, the postmaster having no mailbox here. */
    private List<String> alerts(RunningJames james) {
        List<String> subjects = new ArrayList<>();
        for (String mailSubject : james.repositoryMails("var/mail/address-error", TwoServersOnePostgresJamesIT::subject)) {
            Matcher subject = ALERT_SUBJECT.matcher(mailSubject);
            if (subject.find()) {
                subjects.add(subject.group());
            }
        }
        return subjects;
    }

    private static String subject(Mail mail) {
        try {
            return Objects.toString(mail.getMessage().getSubject(), "");
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql) {
        return E2e.sqlCount(postgres, sql);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        E2e.await(what, WAIT, condition);
    }
}
