package io.jamesbounce.james.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.core.policy.LocalPartMatching;
import io.jamesbounce.james.common.Fixtures;
import io.jamesbounce.james.common.LookupFailureMode;
import io.jamesbounce.james.common.SuppressionCheck;
import io.jamesbounce.store.CachingSuppressionLookup;
import io.jamesbounce.store.MemorySuppressionRepository;
import io.jamesbounce.store.Suppression;

class RecipientIsSuppressedTest {
    private static final Instant NOW = Instant.parse("2026-03-10T10:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private MemorySuppressionRepository repository;
    private RecipientIsSuppressed matcher;

    @BeforeEach
    void setUp() throws MessagingException {
        repository = new MemorySuppressionRepository();
        matcher = new RecipientIsSuppressed(new SuppressionCheck(
            new CachingSuppressionLookup(repository, clock, Duration.ZERO, 1024), LocalPartMatching.CASE_INSENSITIVE, LookupFailureMode.DEFER));
        matcher.init(FakeMatcherConfig.builder().matcherName("RecipientIsSuppressed").mailetContext(FakeMailContext.defaultContext()).build());
    }

    private void suppress(String address, Optional<Instant> expiresAt) {
        repository.suppress(Suppression.of(AddressKey.of(address), Category.USER_UNKNOWN, EventSource.MANUAL, "test",
            NOW.minusSeconds(3600), expiresAt));
    }

    @Test
    void returnsExactlyTheSuppressedRecipients() throws Exception {
        suppress("alice@example.org", Optional.empty());

        assertThat(matcher.match(Fixtures.mailFrom("news@example.com", "plain.eml", "Alice@Example.org", "bob@example.net")))
            .containsExactly(new MailAddress("Alice@Example.org"));
    }

    @Test
    void returnsNothingWhenNoRecipientIsSuppressed() throws Exception {
        assertThat(matcher.match(Fixtures.mailFrom("news@example.com", "plain.eml", "bob@example.net"))).isEmpty();
    }

    @Test
    void ignoresAnExpiredSuppression() throws Exception {
        suppress("alice@example.org", Optional.of(NOW.minusSeconds(1)));

        assertThat(matcher.match(Fixtures.mailFrom("news@example.com", "plain.eml", "alice@example.org"))).isEmpty();
    }

    @Test
    void initShouldRejectACondition() {
        RecipientIsSuppressed other = new RecipientIsSuppressed(new SuppressionCheck(
            new CachingSuppressionLookup(repository, clock, Duration.ZERO, 1024), LocalPartMatching.CASE_INSENSITIVE, LookupFailureMode.DEFER));

        assertThatThrownBy(() -> other.init(FakeMatcherConfig.builder().matcherName("RecipientIsSuppressed").condition("x")
            .mailetContext(FakeMailContext.defaultContext()).build()))
            .isInstanceOf(MessagingException.class).hasMessageContaining("'x'");
    }
}
