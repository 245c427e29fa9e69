package io.jamesbounce.core.dsn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.FieldValue;
import io.jamesbounce.core.model.TypedValue;

class DeliveryStatusParserTest {
    // RFC 3464 appendix C.3 shape, with a folded diagnostic
    private static final String TWO_RECIPIENTS = String.join("\r\n",
        "Reporting-MTA: dns; mx.example.com",
        "Original-Envelope-Id: 8311234",
        "Received-From-MTA: dns; client.example.org (client.example.org [192.0.2.7])",
        "Arrival-Date: Tue, 3 Mar 2026 09:15:00 -0500",
        "",
        "Original-Recipient: rfc822;louisl@example.net",
        "Final-Recipient: rfc822;louisl@example.net",
        "Action: failed",
        "Status: 5.1.1",
        "Remote-MTA: dns; mx1.example.net",
        "Diagnostic-Code: smtp; 550 5.1.1 <louisl@example.net>... User",
        "    unknown here",
        "Last-Attempt-Date: Tue, 3 Mar 2026 09:15:02 -0500",
        "",
        "Final-Recipient: rfc822;jane@example.net",
        "Action: delayed",
        "Status: 4.0.0",
        "Will-Retry-Until: Fri, 6 Mar 2026 09:15:00 -0500",
        "");

    @Nested
    class PerMessage {
        @Test
        void parseShouldReadEveryPerMessageField() {
            PerMessageFields m = DeliveryStatusParser.parse(TWO_RECIPIENTS).perMessage();
            assertThat(m.reportingMta()).map(FieldValue::verbatim).contains("dns; mx.example.com");
            assertThat(m.reportingMta()).flatMap(FieldValue::parsed).contains(new TypedValue("dns", "mx.example.com"));
            assertThat(m.originalEnvelopeId()).contains("8311234");
            assertThat(m.receivedFromMta()).flatMap(FieldValue::parsed).map(TypedValue::value)
                .contains("client.example.org (client.example.org [192.0.2.7])");
            assertThat(m.arrivalDate()).flatMap(FieldValue::parsed).hasValueSatisfying(d -> assertThat(d.getDayOfMonth()).isEqualTo(3));
        }
    }

    @Nested
    class PerRecipient {
        @Test
        void parseShouldSplitRecipientGroups() {
            assertThat(DeliveryStatusParser.parse(TWO_RECIPIENTS).recipients()).hasSize(2);
        }

        @Test
        void parseShouldJoinAFoldedDiagnosticWithOneSpace() {
            PerRecipientFields r = DeliveryStatusParser.parse(TWO_RECIPIENTS).recipients().get(0);
            assertThat(r.diagnosticCode()).flatMap(FieldValue::parsed)
                .contains(new TypedValue("smtp", "550 5.1.1 <louisl@example.net>... User unknown here"));
        }

        @Test
        void parseShouldKeepVerbatimValuesBesideParsedOnes() {
            PerRecipientFields r = DeliveryStatusParser.parse(TWO_RECIPIENTS).recipients().get(0);
            assertThat(r.finalRecipient()).map(FieldValue::verbatim).contains("rfc822;louisl@example.net");
            assertThat(r.action()).flatMap(FieldValue::parsed).contains(Action.FAILED);
            assertThat(r.status()).map(FieldValue::verbatim).contains("5.1.1");
            assertThat(r.lastAttemptDate()).map(FieldValue::verbatim).contains("Tue, 3 Mar 2026 09:15:02 -0500");
        }

        @Test
        void parseShouldReadWillRetryUntilOfADelay() {
            PerRecipientFields r = DeliveryStatusParser.parse(TWO_RECIPIENTS).recipients().get(1);
            assertThat(r.action()).flatMap(FieldValue::parsed).contains(Action.DELAYED);
            assertThat(r.willRetryUntil()).flatMap(FieldValue::parsed).isPresent();
        }

        @Test
        void parseShouldSplitRecipientsThatNoBlankLineSeparates() {
            String body = "Reporting-MTA: dns; mx.example.com\n"
                + "Final-Recipient: rfc822; a@example.net\nAction: failed\nStatus: 5.1.1\n"
                + "Final-Recipient: rfc822; b@example.net\nAction: failed\nStatus: 5.2.2\n";
            DeliveryStatus dsn = DeliveryStatusParser.parse(body);
            assertThat(dsn.recipients()).hasSize(2);
            assertThat(dsn.perMessage().reportingMta()).isPresent();
            assertThat(dsn.recipients().get(1).status()).map(FieldValue::verbatim).contains("5.2.2");
        }

        @Test
        void parseShouldKeepEachGroupsActionWhenItsRecipientComesLast() {
            String body = "Reporting-MTA: dns; ms.example.com\n\n"
                + "Action: failed\nStatus: 5.0.0 (rejected)\nOriginal-recipient: rfc822;a@example.net\nFinal-recipient: rfc822;a@example.net\n\n"
                + "Action: delayed\nStatus: 4.2.2 (over quota)\nOriginal-recipient: rfc822;b@example.net\nFinal-recipient: rfc822;b@example.net\n";
            DeliveryStatus dsn = DeliveryStatusParser.parse(body);
            assertThat(dsn.recipients()).hasSize(2);
            assertThat(dsn.recipients()).extracting(r -> r.action().flatMap(FieldValue::parsed).orElseThrow())
                .containsExactly(Action.FAILED, Action.DELAYED);
            assertThat(dsn.recipients().get(1).status()).map(FieldValue::verbatim).contains("4.2.2 (over quota)");
        }

        @Test
        void parseShouldKeepOneRecipientWhoseActionComesFirst() {
            String body = "Reporting-MTA: dns; inbound-smtp.example.com\n\n"
                + "Action: failed\nFinal-Recipient: rfc822; a@example.net\nOriginal-Recipient: rfc822; a@example.net\n"
                + "Diagnostic-Code: smtp; 450 4.0.0 Temporary failure\nStatus: 4.0.0\n";
            DeliveryStatus dsn = DeliveryStatusParser.parse(body);
            assertThat(dsn.recipients()).hasSize(1);
            PerRecipientFields r = dsn.recipients().get(0);
            assertThat(r.action()).flatMap(FieldValue::parsed).contains(Action.FAILED);
            assertThat(r.status()).map(FieldValue::verbatim).contains("4.0.0");
            assertThat(r.diagnosticCode()).map(FieldValue::verbatim).contains("smtp; 450 4.0.0 Temporary failure");
        }

        @Test
        void parseShouldKeepOriginalRecipientWithItsFinalRecipient() {
            String body = "Reporting-MTA: dns; mx.example.com\n\n"
                + "Final-Recipient: rfc822; a@example.net\nOriginal-Recipient: rfc822; alias@example.net\nAction: failed\nStatus: 5.1.1\n";
            PerRecipientFields r = DeliveryStatusParser.parse(body).recipients().get(0);
            assertThat(DeliveryStatusParser.parse(body).recipients()).hasSize(1);
            assertThat(r.originalRecipient()).flatMap(FieldValue::parsed).map(TypedValue::value).contains("alias@example.net");
        }

        @Test
        void parseShouldJoinADiagnosticLineThatABlankLineSeparated() {
            String body = "Final-Recipient: rfc822; a@example.net\nAction: failed\nStatus: 5.0.0\n"
                + "Diagnostic-Code: smtp; 550 rejected\n\n   because the mailbox is closed\n";
            PerRecipientFields r = DeliveryStatusParser.parse(body).recipients().get(0);
            assertThat(r.diagnosticCode()).flatMap(FieldValue::parsed).map(TypedValue::value)
                .contains("550 rejected because the mailbox is closed");
        }

        @Test
        void parseShouldReadUtf8AddressTypesOfRfc6533() {
            String body = "Reporting-MTA: dns; mx.example.com\n\n"
                + "Final-Recipient: utf-8; jöran@example.net\nAction: failed\nStatus: 5.1.1\n";
            PerRecipientFields r = DeliveryStatusParser.parse(body).recipients().get(0);
            assertThat(r.finalRecipient()).flatMap(FieldValue::parsed).contains(new TypedValue("utf-8", "jöran@example.net"));
        }
    }
}
