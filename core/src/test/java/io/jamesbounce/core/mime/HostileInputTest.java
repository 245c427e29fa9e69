package io.jamesbounce.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.jamesbounce.core.BounceAnalyzer;
import io.jamesbounce.core.classify.Classifier;
import io.jamesbounce.core.decode.Decoders;
import io.jamesbounce.core.model.BounceRecord;
import io.jamesbounce.core.model.Report;
import io.jamesbounce.core.model.ReportKind;

/** Huge, many-part and adversarial messages give a sane report or an explicit UNPARSEABLE one with its reason. */
class HostileInputTest {
    private static final BounceAnalyzer ANALYZER = BounceAnalyzer.withDefaults();

    private static BounceAnalyzer withLimits(ReadLimits limits) {
        return new BounceAnalyzer(limits, Decoders.all(), Classifier.withDefaultRules(), Optional.empty());
    }

    private static void assertHardBounceForGone(Report report) {
        assertThat(report.kind()).as("kind, problem %s", report.problem()).isEqualTo(ReportKind.BOUNCE);
        assertThat(report.records()).extracting(BounceRecord::recipient).containsExactly("gone@example.com");
        assertThat(report.records().get(0).hard()).isTrue();
    }

    @Nested
    class WithinTheLimits {
        @Test
        void aFiftyMegabyteBounceShouldBeClassified() {
            Report report = ANALYZER.analyze(HostileMessages.dsnWithAttachment(50L * 1024 * 1024));

            assertHardBounceForGone(report);
            assertThat(report.originalMessage()).hasValueSatisfying(o -> assertThat(o.messageId()).contains("<big@example.org>"));
        }

        @Test
        void aDsnListingThousandsOfRecipientsWithoutDiagnosticsShouldYieldEveryOne() {
            // each recipient is looked up in the notice: this once scanned the whole notice per recipient
            StringBuilder notice = new StringBuilder();
            StringBuilder fields = new StringBuilder("Reporting-MTA: dns; mx.example.com\r\n");
            int n = 3000;
            for (int i = 0; i < n; i++) {
                notice.append("<user").append(i).append("@example.net>: delivery failed\r\n");
                fields.append("\r\nFinal-Recipient: rfc822; user").append(i).append("@example.net\r\nAction: failed\r\nStatus: 5.0.0\r\n");
            }
            String message = "From: MAILER-DAEMON@mx.example.com\r\nSubject: Undelivered Mail\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\n" + notice + "\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\n"
                + fields + "\r\n--b--\r\n";

            Report report = ANALYZER.analyze(message.getBytes(StandardCharsets.US_ASCII));

            assertThat(report.kind()).isEqualTo(ReportKind.BOUNCE);
            assertThat(report.records()).hasSize(n);
            assertThat(report.records().get(n - 1).recipient()).isEqualTo("user" + (n - 1) + "@example.net");
        }

        @Test
        void aBounceWithTenThousandPartsShouldBeClassified() {
            Report report = ANALYZER.analyze(HostileMessages.dsnWithParts(10_000));

            assertHardBounceForGone(report);
        }
    }

    @Nested
    class OverTheLimits {
        @Test
        void aMessageOverTheSizeLimitShouldBeUnparseableWithTheReason() {
            Report report = withLimits(new ReadLimits(1024 * 1024, 20_000, 256 * 1024, 2 * 1024 * 1024))
                .analyze(HostileMessages.dsnWithAttachment(2L * 1024 * 1024));

            assertThat(report.kind()).isEqualTo(ReportKind.UNPARSEABLE);
            assertThat(report.problem()).hasValueSatisfying(p -> assertThat(p).contains("larger than 1048576 bytes"));
        }

        @Test
        void aMessageOverThePartLimitShouldBeUnparseableWithTheReason() {
            Report report = withLimits(new ReadLimits(100L * 1024 * 1024, 1_000, 256 * 1024, 2 * 1024 * 1024))
                .analyze(HostileMessages.dsnWithParts(1_500));

            assertThat(report.kind()).isEqualTo(ReportKind.UNPARSEABLE);
            assertThat(report.problem()).hasValueSatisfying(p -> assertThat(p).contains("more than 1000 MIME parts"));
        }

        @Test
        void aMessageOfOneHugeFoldedHeaderShouldBeUnparseableNotHeldWhole() {
            // 29 MB of one folded header took a 512 MB James down (issue #16)
            StringBuilder m = new StringBuilder("From: MAILER-DAEMON@example.org\r\nX-Huge: start\r\n");
            String fold = "\t" + "x".repeat(70) + "\r\n";
            while (m.length() < 2 * 1024 * 1024) {
                m.append(fold);
            }
            m.append("Subject: Undelivered Mail Returned to Sender\r\n\r\nbody\r\n");

            Report report = ANALYZER.analyze(m.toString().getBytes(StandardCharsets.US_ASCII));

            assertThat(report.kind()).isEqualTo(ReportKind.UNPARSEABLE);
        }

        @Test
        void aMessageWithMoreHeaderFieldsThanTheLimitShouldBeUnparseable() {
            StringBuilder m = new StringBuilder("From: MAILER-DAEMON@example.org\r\n");
            for (int i = 0; i < ReadLimits.DEFAULT_MAX_HEADER_FIELDS + 10; i++) {
                m.append("X-F").append(i).append(": v\r\n");
            }
            m.append("\r\nbody\r\n");

            Report report = ANALYZER.analyze(m.toString().getBytes(StandardCharsets.US_ASCII));

            assertThat(report.kind()).isEqualTo(ReportKind.UNPARSEABLE);
        }

        @Test
        void theDefaultLimitsShouldRejectAMessageOverAHundredMegabytes() {
            Report report = ANALYZER.analyze(HostileMessages.dsnWithAttachment(101L * 1024 * 1024));

            assertThat(report.kind()).isEqualTo(ReportKind.UNPARSEABLE);
            assertThat(report.problem()).hasValueSatisfying(p -> assertThat(p).contains("larger than"));
        }

        @Test
        void theDefaultLimitsShouldRejectMoreThanTwentyThousandParts() {
            Report report = ANALYZER.analyze(HostileMessages.dsnWithParts(20_001));

            assertThat(report.kind()).isEqualTo(ReportKind.UNPARSEABLE);
            assertThat(report.problem()).hasValueSatisfying(p -> assertThat(p).contains("more than 20000 MIME parts"));
        }
    }

    /** Units repeated over a megabyte: runs that regexes with nested or adjacent repetitions backtrack on. */
    static List<String> adversarialUnits() {
        return List.of(" ", "-", "- ", "=", "\t", "a", "@", "a@", "@a.", "a.", "5", "550 ", "5.1.", "<", "<br", "(", "user ",
            "in reply to ", "after ", "-----", "> ", "Final-Recipient: ", "mailbox ", "x@y.", ".", "\u00e9", "=?utf-8?q?");
    }

    @ParameterizedTest
    @MethodSource("adversarialUnits")
    void aMegabyteLineInADsnNoticeShouldNotStopTheReport(String unit) {
        Report report = ANALYZER.analyze(HostileMessages.dsnWithLongLine(unit, 1024 * 1024));

        assertHardBounceForGone(report);
    }

    @ParameterizedTest
    @MethodSource("adversarialUnits")
    void aMegabyteLineInATextNoticeShouldNotStopTheReport(String unit) {
        Report report = ANALYZER.analyze(HostileMessages.noticeWithLongLine(unit, 1024 * 1024));

        assertThat(report.kind()).as("kind, problem %s", report.problem()).isNotEqualTo(ReportKind.UNPARSEABLE);
    }
}
