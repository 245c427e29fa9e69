package io.jamesbounce.core.arf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.jamesbounce.core.model.FeedbackType;
import io.jamesbounce.core.model.FieldValue;

class FeedbackReportParserTest {
    // RFC 5965 appendix B.2, with RFC 6591 fields added
    private static final String REPORT = String.join("\r\n",
        "Feedback-Type: abuse",
        "User-Agent: SomeGenerator/1.0",
        "Version: 1",
        "Original-Mail-From: <somespammer@example.net>",
        "Original-Rcpt-To: <user@example.com>",
        "Arrival-Date: Thu, 8 Mar 2005 14:00:00 EDT",
        "Reporting-MTA: dns; mail.example.com",
        "Source-IP: 192.0.2.1",
        "Authentication-Results: mail.example.com;",
        "               spf=fail smtp.mail=somespammer@example.com",
        "Reported-Domain: example.net",
        "Reported-Uri: http://example.net/earn_money.html",
        "Reported-Uri: mailto:user@example.com",
        "Removal-Recipient: user@example.com",
        "");

    @Test
    void parseShouldReadEveryArfField() {
        FeedbackReport r = FeedbackReportParser.parse(REPORT);
        assertThat(r.feedbackType().parsed()).contains(FeedbackType.ABUSE);
        assertThat(r.userAgent()).contains("SomeGenerator/1.0");
        assertThat(r.version()).contains("1");
        assertThat(r.originalMailFrom()).contains("<somespammer@example.net>");
        assertThat(r.originalRcptTo()).containsExactly("<user@example.com>");
        assertThat(r.arrivalDate()).map(FieldValue::verbatim).contains("Thu, 8 Mar 2005 14:00:00 EDT");
        assertThat(r.sourceIp()).contains("192.0.2.1");
        assertThat(r.reportedDomains()).containsExactly("example.net");
        assertThat(r.reportedUris()).containsExactly("http://example.net/earn_money.html", "mailto:user@example.com");
        assertThat(r.authenticationResults()).singleElement().asString().contains("spf=fail");
    }

    @Test
    void parseShouldReadAnAuthFailureReport() {
        FeedbackReport r = FeedbackReportParser.parse("Feedback-Type: auth-failure\nVersion: 1\nAuth-Failure: dkim\n"
            + "DKIM-Domain: example.com\nDKIM-Selector: s1\n");
        assertThat(r.feedbackType().parsed()).contains(FeedbackType.AUTH_FAILURE);
        assertThat(r.authFailure()).contains("dkim");
        assertThat(r.fields()).anySatisfy(f -> assertThat(f.name()).isEqualTo("DKIM-Selector"));
    }

    @Test
    void unregisteredTypesShouldBeKeptVerbatim() {
        FeedbackReport r = FeedbackReportParser.parse("Feedback-Type: dmarc-whatever\n");
        assertThat(r.feedbackType().parsed()).contains(FeedbackType.OTHER);
        assertThat(r.feedbackType().verbatim()).isEqualTo("dmarc-whatever");
    }
}
