package io.jamesbounce.core.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.CodeOrigin;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.model.SmtpCommand;

class ClassifierTest {
    private static final Classifier CLASSIFIER = Classifier.withDefaultRules();

    private static Classification classify(String status, String reply, String text) {
        return CLASSIFIER.classify(Optional.ofNullable(status).map(EnhancedStatus::of),
            Optional.ofNullable(reply).map(r -> new ReplyCode(Integer.parseInt(r))), text);
    }

    @Nested
    class SenderEvidenceIsNeverAnUnknownUser {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "5.7.1|550|Service unavailable; client host [192.0.2.1] blocked using zen.spamhaus.org|BLOCKED",
            "5.1.1|550|Message rejected due to poor reputation of the sending IP|BLOCKED",
            "5.7.26|550|Unauthenticated email from example.com is not accepted due to domain's DMARC policy|POLICY",
            "5.7.1|554|Reverse DNS lookup failed for 192.0.2.1: no PTR record|BLOCKED",
            "5.7.1|550|rejected by policy: sender is listed on a blocklist|BLOCKED"})
        void reputationAndPolicyBlocksShouldKeepTheirCategory(String status, String reply, String text, Category expected) {
            Classification c = classify(status, reply, text);
            assertThat(c.category()).isEqualTo(expected);
            assertThat(c.hard()).isFalse();
        }
    }

    @Nested
    class Codes {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "5.1.1|550|USER_UNKNOWN|true",
            "5.1.2|550|BAD_DOMAIN|true",
            "5.2.1|550|MAILBOX_DISABLED|true",
            "5.2.2|552|MAILBOX_FULL|false",
            "5.3.4|552|MESSAGE_TOO_LARGE|false",
            "4.4.7|451|EXPIRED|false",
            "5.7.26|550|POLICY|false"})
        void specificStatusCodesShouldNameTheirCause(String status, String reply, Category expected, boolean hard) {
            Classification c = classify(status, reply, "");
            assertThat(c.category()).isEqualTo(expected);
            assertThat(c.hard()).isEqualTo(hard);
            assertThat(c.ruleId()).startsWith("status.");
        }

        @Test
        void theReplyCodeAloneShouldDecideLast() {
            assertThat(classify(null, "421", "").ruleId()).isEqualTo("reply.throttled");
        }

        @Test
        void nothingKnownShouldBeUnknown() {
            Classification c = classify(null, null, "");
            assertThat(c.category()).isEqualTo(Category.UNKNOWN);
            assertThat(c.ruleId()).isEqualTo("none");
        }
    }

    @Nested
    class Wording {
        @Test
        void aFullMailboxShouldOutrankAGenericCode() {
            assertThat(classify("5.0.0", "550", "Mailbox is full").category()).isEqualTo(Category.MAILBOX_FULL);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "5.7.1|550|550 5.7.1 <a@example.org>: no such user here|USER_UNKNOWN",
            "5.7.1|552|552 5.7.1 Message size exceeds the limit for this recipient|MESSAGE_TOO_LARGE",
            "5.2.1|550|550 5.2.1 Receiving rate limit exceeded for this mailbox, try again later|THROTTLED",
            "5.0.0|550|550 Requested action not taken: mailbox unavailable (user unknown)|USER_UNKNOWN"})
        void wordsNamingTheCauseShouldOutrankTheCodeClass(String status, String reply, String text, Category expected) {
            assertThat(classify(status, reply, text).category()).isEqualTo(expected);
        }

        @Test
        void aFilterAnsweringUserUnknownWithoutAnAddressShouldNotBeADeadAddress() {
            Classification c = classify(null, "550", "550 : User unknown");
            assertThat(c.category()).isEqualTo(Category.POLICY);
            assertThat(c.ruleId()).isEqualTo("text.user-unknown-filter");
        }

        @Test
        void userUnknownSaidToRcptShouldBeADeadAddress() {
            DecodedRecipient r = DecodedRecipient.builder("a@example.org").action(Action.FAILED)
                .diagnostic("550 Unknown user a@example.org").command(SmtpCommand.RCPT)
                .status(EnhancedStatus.of("5.0.0"), CodeOrigin.STATUS_FIELD).build();
            Classification c = CLASSIFIER.classify(r);
            assertThat(c.category()).isEqualTo(Category.USER_UNKNOWN);
            assertThat(c.hard()).isTrue();
        }

        @Test
        void userUnknownSaidToDataShouldBeAFiltersExcuseNotADeadAddress() {
            DecodedRecipient r = DecodedRecipient.builder("a@example.org").action(Action.FAILED)
                .diagnostic("550 Unknown user a@example.org").command(SmtpCommand.DATA).build();
            Classification c = CLASSIFIER.classify(r);
            assertThat(c.category()).isEqualTo(Category.POLICY);
            assertThat(c.hard()).isFalse();
            assertThat(c.ruleId()).isEqualTo("text.user-unknown-at-data");
        }
    }

    @Nested
    class Actions {
        @Test
        void aDeliveryShouldBeDelivered() {
            DecodedRecipient r = DecodedRecipient.builder("a@example.org").action(Action.DELIVERED).build();
            assertThat(CLASSIFIER.classify(r).category()).isEqualTo(Category.DELIVERED);
        }

        @Test
        void aDelayWithoutCauseShouldBeDelayed() {
            DecodedRecipient r = DecodedRecipient.builder("a@example.org").action(Action.DELAYED).build();
            assertThat(CLASSIFIER.classify(r).category()).isEqualTo(Category.DELAYED);
        }

        @Test
        void aDelayWithOnlyTheExpiryCodeShouldBeDelayed() {
            DecodedRecipient r = DecodedRecipient.builder("a@example.org").action(Action.DELAYED)
                .status(EnhancedStatus.of("4.4.7"), CodeOrigin.STATUS_FIELD).diagnostic("unable to deliver this message after 1 day").build();
            assertThat(CLASSIFIER.classify(r).category()).isEqualTo(Category.DELAYED);
        }

        @Test
        void aDelayWhoseEnvelopeExpiredShouldBeExpired() {
            DecodedRecipient r = DecodedRecipient.builder("a@example.org").action(Action.DELAYED)
                .status(EnhancedStatus.of("4.4.7"), CodeOrigin.STATUS_FIELD).diagnostic("Envelope expired").build();
            assertThat(CLASSIFIER.classify(r).category()).isEqualTo(Category.EXPIRED);
        }

        @Test
        void aFailureThatNamesNoCauseAfterRetryingShouldBeExpired() {
            DecodedRecipient r = DecodedRecipient.builder("a@example.org").action(Action.FAILED)
                .diagnostic("Connection timed out").build();
            assertThat(CLASSIFIER.classify(r).category()).isEqualTo(Category.EXPIRED);
        }

        @Test
        void aDelayedUnknownUserShouldNotBeHard() {
            DecodedRecipient r = DecodedRecipient.builder("a@example.org").action(Action.DELAYED)
                .status(EnhancedStatus.of("4.1.1"), CodeOrigin.STATUS_FIELD).diagnostic("450 4.1.1 user unknown")
                .command(SmtpCommand.RCPT).build();
            Classification c = CLASSIFIER.classify(r);
            assertThat(c.category()).isEqualTo(Category.USER_UNKNOWN);
            assertThat(c.hard()).isFalse();
        }
    }

    @Nested
    class Table {
        @Test
        void everyRuleIdShouldBeUniqueAndEveryCategoryOfTheTaxonomyReachable() {
            RuleTable table = RuleTable.defaults();
            Set<Category> reachable = table.rules().stream().map(Rule::category).collect(Collectors.toCollection(() -> EnumSet.noneOf(Category.class)));
            // delivered, delayed, complaint and unknown come from the action, the report kind and the fallback
            reachable.addAll(EnumSet.of(Category.DELIVERED, Category.COMPLAINT, Category.UNKNOWN, Category.DELAYED));
            assertThat(reachable).containsExactlyInAnyOrder(Category.values());
            assertThat(table.rules()).extracting(Rule::id).doesNotHaveDuplicates();
        }

        @Test
        void aBadLineShouldBeRejectedWithItsLineNumber() {
            String tsv = "# comment\nok.rule\t5.1.1\t*\tuser-unknown\nbad.rule\t*\t*\tno-such-category\n";
            assertThatThrownBy(() -> RuleTable.parse(new ByteArrayInputStream(tsv.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 3").hasMessageContaining("no-such-category");
        }

        @Test
        void inferredStatusShouldUseTheUnassignedX09xxRange() {
            Classification c = classify(null, null, "mailbox is full");
            assertThat(Classifier.inferredStatus(c, Optional.of(Action.FAILED), Optional.empty())).map(Object::toString).contains("5.0.922");
            assertThat(Classifier.inferredStatus(c, Optional.of(Action.DELAYED), Optional.empty())).map(Object::toString).contains("4.0.922");
            assertThat(Arrays.stream(Category.values())).isNotEmpty();
        }

        @Test
        void inferredStatusShouldTakeTheClassOfTheReceiversReply() {
            Classification c = classify(null, null, "mailbox is full");
            assertThat(Classifier.inferredStatus(c, Optional.of(Action.FAILED), Optional.of(new ReplyCode(452))))
                .map(Object::toString).contains("4.0.922");
            assertThat(Classifier.inferredStatus(c, Optional.of(Action.DELAYED), Optional.of(new ReplyCode(554))))
                .map(s -> s.statusClass()).contains(5);
            assertThat(Classifier.inferredStatus(c, Optional.of(Action.FAILED), Optional.of(new ReplyCode(250))))
                .map(s -> s.statusClass()).contains(5);
        }
    }
}
