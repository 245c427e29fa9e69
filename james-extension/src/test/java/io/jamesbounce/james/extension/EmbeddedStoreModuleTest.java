package io.jamesbounce.james.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

import org.apache.james.core.MaybeSender;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.dropwizard.DropWizardMetricFactory;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.codahale.metrics.MetricRegistry;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.TypeLiteral;

import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.james.common.SuppressionCheck;
import io.jamesbounce.james.mailets.RecordBounceReports;
import io.jamesbounce.james.matchers.RecipientIsSuppressed;
import io.jamesbounce.store.SuppressionList;

/** The module as James uses it: a child of an injector that binds James' FileSystem, Clock and MailetContext. */
class EmbeddedStoreModuleTest {
    @TempDir
    Path working;

    private final MetricRegistry registry = new MetricRegistry();

    /** James binds its queues; the mailets built here park held mail in a processor and use none. */
    private static final MailQueueFactory<MailQueue> NO_QUEUES = new MailQueueFactory<>() {
        @Override
        public Optional<MailQueue> getQueue(MailQueueName name, PrefetchCount count) {
            return Optional.empty();
        }

        @Override
        public MailQueue createQueue(MailQueueName name, PrefetchCount count) {
            throw new UnsupportedOperationException("no queue in this test: " + name);
        }

        @Override
        public Set<MailQueueName> listCreatedMailQueues() {
            return Set.of();
        }
    };

    private Injector jamesWithExtension() throws IOException {
        Files.createDirectories(working.resolve("conf"));
        Injector james = Guice.createInjector(new AbstractModule() {
            @Override
            protected void configure() {
                bind(FileSystem.class).toInstance(new WorkingDirectory(working));
                bind(Clock.class).toInstance(Clock.systemUTC());
                bind(MetricFactory.class).toInstance(new DropWizardMetricFactory(registry));
                bind(org.apache.mailet.MailetContext.class).toInstance(FakeMailContext.defaultContext());
                bind(new TypeLiteral<MailQueueFactory<?>>() { }).toInstance(NO_QUEUES);
            }
        });
        return james.createChildInjector(new EmbeddedStoreModule());
    }

    @Test
    void createsTheH2DatabaseUnderVarOnFirstUse() throws Exception {
        Injector injector = jamesWithExtension();

        injector.getInstance(SuppressionList.class);

        assertThat(working.resolve("var/bounces/suppressions.mv.db")).exists();
    }

    @Test
    void injectsMailetsAndMatchersThatShareOneStore() throws Exception {
        // unchecked trust: the fixture DSN came back to no signed return path
        Files.writeString(Files.createDirectories(working.resolve("conf")).resolve("bounces.properties"),
            "lookup.cache-staleness=1h\ntrust.mode=unchecked\n");
        Injector injector = jamesWithExtension();
        SuppressionCheck lookup = injector.getInstance(SuppressionCheck.class);
        injector.getInstance(RecipientIsSuppressed.class);
        org.apache.james.core.MailAddress alice = new org.apache.james.core.MailAddress("alice@example.org");
        assertThat(lookup.suppressedAmong(java.util.List.of(alice))).isEmpty();

        sendUnsignedDsn(injector);

        assertThat(injector.getInstance(SuppressionList.class).find(AddressKey.of("alice@example.org"))).isPresent();
        assertThat(lookup.suppressedAmong(java.util.List.of(alice))).containsExactly(alice);
    }

    /** The DSN fixture (a 5.1.1 for alice@example.org) to the plain bounce address, through the mailet James would build. */
    private void sendUnsignedDsn(Injector injector) throws Exception {
        RecordBounceReports mailet = injector.getInstance(RecordBounceReports.class);
        mailet.init(FakeMailetConfig.builder().mailetName("RecordBounceReports").mailetContext(FakeMailContext.defaultContext()).build());
        try (InputStream dsn = getClass().getResourceAsStream("/dsn.eml")) {
            mailet.service(FakeMail.builder().name("dsn").sender(MaybeSender.nullSender()).recipient("bounces@example.com")
                .mimeMessage(new jakarta.mail.internet.MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()), dsn)).build());
        }
    }

    @Test
    void withASigningKeyAForgedBounceIsKeptInTheDatabaseAsUntrusted() throws Exception {
        Files.writeString(Files.createDirectories(working.resolve("conf")).resolve("bounces.properties"),
            "verp.signing-key=k:dGVzdC1vbmx5LXNpZ25pbmcta2V5LTMyLWJ5dGVzLiE=\nverp.bounce-domains=example.com\n");
        Injector injector = jamesWithExtension();
        sendUnsignedDsn(injector);

        AddressKey alice = AddressKey.of("alice@example.org");
        assertThat(injector.getInstance(SuppressionList.class).find(alice)).isEmpty();
        io.jamesbounce.store.UntrustedEventLog log = injector.getInstance(io.jamesbounce.store.UntrustedEventLog.class);
        assertThat(log).isInstanceOf(io.jamesbounce.store.jdbc.JdbcUntrustedEventLog.class);
        assertThat(log.events(alice)).singleElement()
            .satisfies(e -> assertThat(e.reason()).isEqualTo(io.jamesbounce.core.trust.Trust.Reason.UNKNOWN_MESSAGE));
        assertThat(registry.meter("bounces_untrusted_records_unknown_message").getCount()).isEqualTo(1);
        injector.getInstance(EmbeddedStore.class).close();
    }

    @Test
    void byDefaultAKeyIsGeneratedOwnerOnlyAndAnUnsignedBounceSuppressesNothing() throws Exception {
        Injector injector = jamesWithExtension();
        sendUnsignedDsn(injector);

        AddressKey alice = AddressKey.of("alice@example.org");
        assertThat(injector.getInstance(SuppressionList.class).find(alice)).isEmpty();
        assertThat(injector.getInstance(io.jamesbounce.store.UntrustedEventLog.class).events(alice)).singleElement()
            .satisfies(e -> assertThat(e.reason()).isEqualTo(io.jamesbounce.core.trust.Trust.Reason.UNKNOWN_MESSAGE));
        java.nio.file.Path keys = working.resolve("var/" + VerpKeyFile.RELATIVE_PATH);
        assertThat(java.nio.file.Files.getPosixFilePermissions(keys))
            .containsExactlyInAnyOrderElementsOf(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        String signed = injector.getInstance(io.jamesbounce.core.trust.TrustSettings.class).verp().orElseThrow()
            .sign("alice@example.org", "bounce.example.com");
        injector.getInstance(EmbeddedStore.class).close();

        Injector restarted = jamesWithExtension();
        assertThat(restarted.getInstance(io.jamesbounce.core.trust.TrustSettings.class).verp().orElseThrow().verify(signed))
            .as("the key survives a restart").isInstanceOf(io.jamesbounce.core.verp.VerpVerification.Valid.class);
        restarted.getInstance(EmbeddedStore.class).close();
    }

    @Test
    void mailetsCountReportsAndDroppedRecipientsThroughJamesMetrics() throws Exception {
        Files.writeString(Files.createDirectories(working.resolve("conf")).resolve("bounces.properties"), "trust.mode=unchecked\n");
        Injector injector = jamesWithExtension();
        RecordBounceReports record = injector.getInstance(RecordBounceReports.class);
        record.init(FakeMailetConfig.builder().mailetName("RecordBounceReports").mailetContext(FakeMailContext.defaultContext()).build());
        io.jamesbounce.james.mailets.DropSuppressedRecipients drop = injector.getInstance(io.jamesbounce.james.mailets.DropSuppressedRecipients.class);
        drop.init(FakeMailetConfig.builder().mailetName("DropSuppressedRecipients").mailetContext(FakeMailContext.defaultContext()).build());

        try (InputStream dsn = getClass().getResourceAsStream("/dsn.eml")) {
            record.service(FakeMail.builder().name("dsn").sender(MaybeSender.nullSender()).recipient("bounces@example.com")
                .mimeMessage(new jakarta.mail.internet.MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()), dsn)).build());
        }
        drop.service(FakeMail.builder().name("out").sender("news@example.com").recipients("alice@example.org", "bob@example.net")
            .mimeMessage(new jakarta.mail.internet.MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()))).build());

        assertThat(registry.meter("bounces_reports_received_bounce").getCount()).isEqualTo(1);
        assertThat(registry.meter("bounces_outbound_recipients_dropped").getCount()).isEqualTo(1);
    }

    @Test
    void theThrottleAndTheBounceRecorderShareOneDomainRatesAndMonitoringStartsWithTheInjector() throws Exception {
        Injector injector = jamesWithExtension();

        io.jamesbounce.store.DomainRates rates = injector.getInstance(io.jamesbounce.store.DomainRates.class);
        io.jamesbounce.james.mailets.ThrottleByDomainRate throttle = injector.getInstance(io.jamesbounce.james.mailets.ThrottleByDomainRate.class);
        throttle.init(FakeMailetConfig.builder().mailetName("ThrottleByDomainRate").mailetContext(FakeMailContext.defaultContext())
            .setProperty("heldProcessor", "throttled").build());
        throttle.service(FakeMail.builder().name("out").sender("news@example.com").recipient("bob@example.org")
            .mimeMessage(new jakarta.mail.internet.MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()))).build());
        rates.flush();

        assertThat(rates.figures()).singleElement().satisfies(f -> assertThat(f.rateWindow().attempts()).isEqualTo(1));
        assertThat(injector.getInstance(DomainRateJob.class)).isSameAs(injector.getInstance(DomainRateJob.class));
        injector.getInstance(DomainRateJob.class).stop();
    }

    /** James' FileSystem for a working directory: file://conf/ and file://var/ under it. */
    private record WorkingDirectory(Path base) implements FileSystem {
        @Override
        public InputStream getResource(String url) throws IOException {
            return Files.newInputStream(getFile(url).toPath());
        }

        @Override
        public File getFile(String fileURL) throws FileNotFoundException {
            File file = base.resolve(fileURL.substring(FILE_PROTOCOL.length())).toFile();
            if (!file.exists() && !fileURL.endsWith("/")) {
                throw new FileNotFoundException(fileURL);
            }
            return file;
        }

        @Override
        public File getBasedir() {
            return base.toFile();
        }
    }
}
