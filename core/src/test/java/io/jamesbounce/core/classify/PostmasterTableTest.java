package io.jamesbounce.core.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.jamesbounce.core.BounceAnalyzer;
import io.jamesbounce.core.model.BounceRecord;
import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.Report;
import io.jamesbounce.core.model.ReportKind;

/**
 * The table every postmaster works from (issue #14): each common reply, in several wordings, read
 * the same way whether it arrives in a standard DSN or quoted in the plain notices of Postfix, Exim
 * and Sendmail, by the full engine and by the generic reader alone.
 */
class PostmasterTableTest {
    private record Row(Category category, boolean hard, List<String> replies) {
    }

    private static final List<Row> TABLE = List.of(
        new Row(Category.USER_UNKNOWN, true, List.of(
            "550 5.1.1 <r@example.net>: Recipient address rejected: User unknown in virtual mailbox table",
            "550 5.1.1 The email account that you tried to reach does not exist.",
            "550 5.1.1 Mailbox not found",
            "550 No such user here",
            "550 5.7.1 <r@example.net>: no such user here")),
        new Row(Category.BAD_DOMAIN, true, List.of(
            "550 5.1.2 Domain not found",
            "550 5.1.2 Host or domain name not found. Name service error for name=example.net type=MX: Host not found")),
        new Row(Category.MAILBOX_DISABLED, true, List.of(
            "550 5.2.1 Mailbox disabled, account suspended",
            "550 5.2.1 The email account that you tried to reach is disabled.",
            "550 Account has been disabled")),
        new Row(Category.POLICY, false, List.of(
            "550 5.7.1 Relay access denied",
            "554 5.7.1 <r@example.net>: Relay access denied",
            "550 5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy",
            "550 5.7.26 This mail is unauthenticated, which poses a security risk to the sender and Gmail users")),
        new Row(Category.BLOCKED, false, List.of(
            "550 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org",
            "550 5.7.1 Your IP address has been blacklisted",
            "421 4.7.0 IP temporarily blocked (reputation)",
            "421 4.7.0 [192.0.2.1] Our system has detected an unusual rate of unsolicited mail originating from your IP address."
                + " To protect our users from spam, mail sent from your IP address has been temporarily blocked.")),
        new Row(Category.MAILBOX_FULL, false, List.of(
            "452 4.2.2 Mailbox full, over quota",
            "452 4.2.2 The email account that you tried to reach is over quota.",
            "552 5.2.2 Mailbox full")),
        new Row(Category.THROTTLED, false, List.of(
            "421 4.7.0 Try again later, closing connection.",
            "421 4.7.0 Temporary System Problem.  Try again later.",
            "451 4.7.1 Greylisted, please try again in 300 seconds",
            "450 4.2.0 <r@example.net>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.net.html",
            "451 4.7.1 Please try again later (greylisting in action)",
            "421 4.4.5 Server too busy")),
        new Row(Category.MESSAGE_TOO_LARGE, false, List.of(
            "552 5.3.4 Message size exceeds fixed maximum message size",
            "552 5.7.1 Message size exceeds the limit for this recipient")),
        new Row(Category.SPAM, false, List.of(
            "554 5.7.1 Message rejected because it contains spam",
            "550 5.7.1 Message content rejected as spam")));

    private static final BounceAnalyzer FULL = BounceAnalyzer.withDefaults();
    private static final BounceAnalyzer GENERIC = BounceAnalyzer.genericOnly();

    @TestFactory
    Stream<DynamicTest> everyReplyShouldBeReadAsAPostmasterReadsIt() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : TABLE) {
            for (String reply : row.replies()) {
                for (Form form : Form.values()) {
                    byte[] message = form.write(reply).getBytes(StandardCharsets.UTF_8);
                    tests.add(DynamicTest.dynamicTest(form + " " + reply, () -> expect(FULL.analyze(message), row, reply)));
                    tests.add(DynamicTest.dynamicTest("generic-only " + form + " " + reply, () -> expect(GENERIC.analyze(message), row, reply)));
                }
            }
        }
        return tests.stream();
    }

    private static void expect(Report report, Row row, String reply) {
        assertThat(report.kind()).isEqualTo(ReportKind.BOUNCE);
        assertThat(report.records()).hasSize(1);
        BounceRecord r = report.records().get(0);
        assertThat(r.recipient()).isEqualTo("r@example.net");
        assertThat(r.category()).as("category of %s", reply).isEqualTo(row.category());
        // a dead address is hard only when the server gave up: a 4xx warning quoting it is not yet
        assertThat(r.hard()).as("hard of %s", reply).isEqualTo(row.hard() && reply.startsWith("5"));
        assertThat(r.replyCode()).as("reply code of %s", reply).isPresent();
        assertThat(r.replyCode().get().value().toString()).isEqualTo(reply.substring(0, 3));
    }

    /** The shapes the same reply comes back in. */
    private enum Form {
        DSN {
            @Override
            String write(String reply) {
                String action = reply.startsWith("4") ? "delayed" : "failed";
                String status = reply.split(" ")[1].matches("[245]\\.[0-9]{1,3}\\.[0-9]{1,3}") ? reply.split(" ")[1]
                    : reply.charAt(0) + ".0.0";
                return """
                    Return-Path: <>
                    From: MAILER-DAEMON@mx.example.org
                    To: sender@example.com
                    Subject: Delivery Status Notification
                    MIME-Version: 1.0
                    Content-Type: multipart/report; report-type=delivery-status; boundary="B"

                    --B
                    Content-Type: text/plain

                    Delivery to the following recipient %s.

                    --B
                    Content-Type: message/delivery-status

                    Reporting-MTA: dns; mx.example.org

                    Final-Recipient: rfc822; r@example.net
                    Action: %s
                    Status: %s
                    Diagnostic-Code: smtp; %s

                    --B--
                    """.formatted(action.equals("failed") ? "failed permanently" : "has been delayed", action, status, reply)
                    .replace("\n", "\r\n");
            }
        },
        POSTFIX {
            @Override
            String write(String reply) {
                boolean warning = reply.startsWith("4");
                return """
                    Return-Path: <>
                    From: MAILER-DAEMON@mx.example.org (Mail Delivery System)
                    To: sender@example.com
                    Subject: %s
                    Auto-Submitted: auto-replied

                    This is the mail system at host mx.example.org.

                    %s

                    <r@example.net>: host mx.example.net[192.0.2.9] said: %s (in reply to RCPT TO
                        command)
                    """.formatted(warning ? "Delayed Mail (still being retried)" : "Undelivered Mail Returned to Sender",
                    warning ? "####################################################################\n# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n####################################################################"
                        : "I'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.",
                    reply);
            }
        },
        EXIM {
            @Override
            String write(String reply) {
                boolean warning = reply.startsWith("4");
                if (warning) {
                    return """
                        Return-path: <>
                        From: Mail Delivery System <Mailer-Daemon@mx.example.org>
                        To: sender@example.com
                        Subject: Warning: message 1qZzZz-000999-Qq delayed 24 hours
                        Auto-Submitted: auto-replied

                        This message was created automatically by mail delivery software.
                        A message that you sent has not yet been delivered to one or more of its
                        recipients after more than 24 hours on the queue on mx.example.org.

                        The address to which the message has not yet been delivered is:

                          r@example.net
                            host mx.example.net [192.0.2.9]
                            Delay reason: SMTP error from remote mail server after RCPT TO:<r@example.net>:
                            %s

                        No action is required on your part. Delivery attempts will continue for
                        some time, and this warning may be repeated at intervals if the message
                        remains undelivered.
                        """.formatted(reply);
                }
                return """
                    Return-path: <>
                    From: Mail Delivery System <Mailer-Daemon@mx.example.org>
                    To: sender@example.com
                    Subject: Mail delivery failed: returning message to sender
                    Auto-Submitted: auto-replied

                    This message was created automatically by mail delivery software.

                    A message that you sent could not be delivered to one or more of its
                    recipients. This is a permanent error. The following address(es) failed:

                      r@example.net
                        host mx.example.net [192.0.2.9]
                        SMTP error from remote mail server after RCPT TO:<r@example.net>:
                        %s
                    """.formatted(reply);
            }
        },
        SENDMAIL {
            @Override
            String write(String reply) {
                boolean warning = reply.startsWith("4");
                return """
                    Return-Path: <>
                    From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>
                    To: <sender@example.com>
                    Subject: %s

                    The original message was received at Tue, 2 Jan 2024 09:00:00 +0000
                    from localhost [127.0.0.1]

                       ----- %s -----
                    <r@example.net>

                       ----- Transcript of session follows -----
                    ... while talking to mx.example.net.:
                    >>> RCPT To:<r@example.net>
                    <<< %s
                    %s
                    """.formatted(warning ? "Warning: could not send message for past 4 hours" : "Returned mail: see transcript for details",
                    warning ? "The following addresses had transient non-fatal errors" : "The following addresses had permanent fatal errors",
                    reply, warning ? "<r@example.net>... Deferred: " + reply.substring(0, 3)
                        : "550 5.1.1 <r@example.net>... User unknown".equals("") ? "" : "<r@example.net>... " + reply.substring(4));
            }
        };

        abstract String write(String reply);
    }
}
