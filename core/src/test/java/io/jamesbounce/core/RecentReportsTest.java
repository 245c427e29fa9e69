package io.jamesbounce.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.jamesbounce.core.model.Report;

class RecentReportsTest {
    private static final byte[] DSN = ("From: MAILER-DAEMON@mx.example.net\r\nTo: news@example.com\r\nSubject: Undelivered Mail Returned to Sender\r\n"
        + "Content-Type: text/plain\r\n\r\n<alice@example.net>: host mx.example.net said: 550 5.1.1 User unknown\r\n")
        .getBytes(StandardCharsets.US_ASCII);

    @Test
    void theSameBytesReadAgainGiveTheSameReportWithoutASecondReading() {
        BounceAnalyzer analyzer = BounceAnalyzer.withDefaults().rememberingRecent(1 << 20);

        Report first = analyzer.analyze(DSN);
        Report again = analyzer.analyze(DSN.clone());

        assertThat(again).isSameAs(first);
        assertThat(analyzer.readingsSaved()).isEqualTo(1);
        assertThat(first.records()).singleElement().satisfies(r -> assertThat(r.recipient()).isEqualTo("alice@example.net"));
    }

    @Test
    void otherBytesAreReadAndWithoutTheMemoryEveryCallReads() {
        BounceAnalyzer remembering = BounceAnalyzer.withDefaults().rememberingRecent(1 << 20);
        byte[] other = new String(DSN, StandardCharsets.US_ASCII).replace("alice", "bob").getBytes(StandardCharsets.US_ASCII);

        assertThat(remembering.analyze(other).records()).singleElement().satisfies(r -> assertThat(r.recipient()).isEqualTo("bob@example.net"));
        assertThat(remembering.analyze(DSN).records()).singleElement().satisfies(r -> assertThat(r.recipient()).isEqualTo("alice@example.net"));
        assertThat(remembering.readingsSaved()).isZero();

        BounceAnalyzer plain = BounceAnalyzer.withDefaults();
        assertThat(plain.analyze(DSN)).isNotSameAs(plain.analyze(DSN));
        assertThat(plain.readingsSaved()).isZero();
    }

    @Test
    void theBytesKeptAreBoundedTheLeastRecentlyUsedGoingFirst() {
        RecentReports recent = new RecentReports(16 * 100);
        AtomicInteger readings = new AtomicInteger();
        byte[][] messages = new byte[20][];
        for (int i = 0; i < messages.length; i++) {
            messages[i] = new byte[100];
            messages[i][0] = (byte) i;
            recent.get(messages[i], () -> read(readings));
        }
        assertThat(readings).hasValue(20);
        // 1,600 bytes hold the last 16 messages of 100 bytes: the first four are gone
        recent.get(messages[19], () -> read(readings));
        recent.get(messages[4], () -> read(readings));
        assertThat(readings).hasValue(20);
        recent.get(messages[0], () -> read(readings));
        assertThat(readings).hasValue(21);
        // a message over a sixteenth of the bound is never kept
        byte[] large = new byte[101];
        recent.get(large, () -> read(readings));
        recent.get(large, () -> read(readings));
        assertThat(readings).hasValue(23);
    }

    private static Report read(AtomicInteger readings) {
        readings.incrementAndGet();
        return Report.unparseable("test");
    }
}
