package io.jamesbounce.core.trust;

import java.nio.charset.StandardCharsets;

import io.jamesbounce.core.BounceAnalyzer;
import io.jamesbounce.core.model.Report;

/** Real reports, read by the real analyzer from messages written here. */
final class Reports {
    private static final BounceAnalyzer ANALYZER = BounceAnalyzer.withDefaults();

    private Reports() {
    }

    /** An RFC 3464 bounce: the user is unknown; it is about the message {@code messageId}. */
    static Report dsn(String returnPath, String messageId, String... recipients) {
        StringBuilder status = new StringBuilder("Reporting-MTA: dns; mx.example.org\r\n");
        for (String r : recipients) {
            status.append("\r\nFinal-Recipient: rfc822; ").append(r).append("\r\nAction: failed\r\nStatus: 5.1.1\r\n")
                .append("Diagnostic-Code: smtp; 550 5.1.1 <").append(r).append(">: user unknown\r\n");
        }
        String message = "Return-Path: <>\r\nFrom: MAILER-DAEMON@mx.example.org\r\nTo: " + returnPath + "\r\n"
            + "Subject: Undelivered Mail Returned to Sender\r\nMessage-ID: <dsn-" + Math.abs(messageId.hashCode()) + "@mx.example.org>\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
            + "--b\r\nContent-Type: message/delivery-status\r\n\r\n" + status
            + "--b\r\nContent-Type: text/rfc822-headers\r\n\r\nReturn-Path: <" + returnPath + ">\r\nFrom: news@example.com\r\n"
            + "To: " + recipients[0] + "\r\nSubject: News\r\nMessage-ID: <" + messageId + ">\r\n\r\n--b--\r\n";
        return ANALYZER.analyze(message.getBytes(StandardCharsets.UTF_8));
    }

    /** An RFC 5965 abuse report about mail to {@code recipient}. */
    static Report arf(String recipient) {
        String message = "From: staff@fbl.example.net\r\nTo: fbl@example.com\r\nSubject: FW: News\r\nMIME-Version: 1.0\r\n"
            + "Message-ID: <arf-1@fbl.example.net>\r\n"
            + "Content-Type: multipart/report; report-type=feedback-report; boundary=\"f\"\r\n\r\n"
            + "--f\r\nContent-Type: text/plain\r\n\r\nThis is an abuse report.\r\n"
            + "--f\r\nContent-Type: message/feedback-report\r\n\r\nFeedback-Type: abuse\r\nUser-Agent: FBL/1.0\r\nVersion: 1\r\n"
            + "Original-Rcpt-To: <" + recipient + ">\r\n\r\n"
            + "--f\r\nContent-Type: message/rfc822\r\n\r\nFrom: news@example.com\r\nTo: " + recipient + "\r\nSubject: News\r\n"
            + "Message-ID: <news-1@example.com>\r\n\r\nHello\r\n--f--\r\n";
        return ANALYZER.analyze(message.getBytes(StandardCharsets.UTF_8));
    }
}
