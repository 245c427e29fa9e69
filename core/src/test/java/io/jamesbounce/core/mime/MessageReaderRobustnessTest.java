package io.jamesbounce.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.jamesbounce.core.BounceAnalyzer;
import io.jamesbounce.core.model.OriginalMessage;
import io.jamesbounce.core.model.Report;
import io.jamesbounce.core.model.ReportKind;

/** Odd but real input read from the fixtures under {@code fixtures/robustness}: what the reader makes of it. */
class MessageReaderRobustnessTest {
    private static final BounceAnalyzer ANALYZER = BounceAnalyzer.withDefaults();
    private static final MessageReader READER = new MessageReader();

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = MessageReaderRobustnessTest.class.getResourceAsStream("/fixtures/robustness/" + name)) {
            return in.readAllBytes();
        }
    }

    @Nested
    class LineEndings {
        @ParameterizedTest
        @ValueSource(strings = {"dsn-crlf.eml", "dsn-cr.eml", "mbox-from-line.eml"})
        void shouldGiveTheSameReportAsTheLfFile(String name) throws IOException {
            Report lf = ANALYZER.analyze(fixture("dsn-lf.eml"));

            assertThat(ANALYZER.analyze(fixture(name))).isEqualTo(lf);
        }

        @Test
        void anMboxFromLineShouldNotBecomeAHeader() throws Exception {
            MailMessage message = READER.read(fixture("mbox-from-line.eml"));

            assertThat(message.headers().fields().get(0).name()).isEqualTo("Return-Path");
        }
    }

    @Nested
    class Charsets {
        @Test
        void iso2022JpShouldBeDecoded() throws Exception {
            MailMessage message = READER.read(fixture("charset-iso-2022-jp.eml"));

            assertThat(message.noticeText()).contains("宛先 <gone@example.com> に配送できませんでした");
            assertThat(message.subject()).isEqualTo("配送失敗");
        }

        @Test
        void utf7ShouldBeDecoded() throws Exception {
            assertThat(READER.read(fixture("charset-utf-7.eml")).noticeText()).contains("Delivery to <gone@example.com> failed", "© 2014!");
        }

        @ParameterizedTest
        @ValueSource(strings = {"charset-latin1.eml", "charset-iso8859-underscore.eml"})
        void misspeltLatin1ShouldBeLatin1(String name) throws Exception {
            assertThat(READER.read(fixture(name)).noticeText()).contains("(café / cafÃ©)");
        }

        @Test
        void misspeltUtf8ShouldBeUtf8() throws Exception {
            assertThat(READER.read(fixture("charset-utf8.eml")).noticeText()).contains("/ café)");
        }

        @Test
        void anUnknownCharsetShouldKeepEveryByte() throws Exception {
            // not valid UTF-8 as a whole, so Latin-1: no byte is lost
            assertThat(READER.read(fixture("charset-unknown.eml")).noticeText()).contains("(café / cafÃ©)");
        }

        @Test
        void invalidUtf8InHeadersAndBodyShouldBeKeptAsLatin1() throws Exception {
            MailMessage message = READER.read(fixture("eight-bit-invalid-utf8.eml"));

            assertThat(message.headers().firstOrEmpty("X-Bad")).isEqualTo(new String("\u00e9t\u00e9 \u00c3(".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
            assertThat(message.noticeText()).contains("M\u00fcller");
        }

        @Test
        void eachHeaderFieldShouldBeDecodedOnItsOwnNameAndValueAsTheWholeField() throws Exception {
            byte[] utf8 = "X-Utf8: caf\u00e9 \u00fcber\r\n".getBytes(StandardCharsets.UTF_8);
            byte[] latin1 = "X-Latin1: caf\u00e9 \u00fcber\r\n".getBytes(StandardCharsets.ISO_8859_1);
            byte[] rest = ("X-Folded: one\r\n\ttwo\r\n  three \r\nX-Blank-Before-Colon : value: with colon\r\n"
                + "X-Blanks: \t spaced  out \t \r\nSubject:\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] message = new byte[utf8.length + latin1.length + rest.length];
            System.arraycopy(utf8, 0, message, 0, utf8.length);
            System.arraycopy(latin1, 0, message, utf8.length, latin1.length);
            System.arraycopy(rest, 0, message, utf8.length + latin1.length, rest.length);

            Headers headers = READER.read(message).headers();

            assertThat(headers.fields()).extracting(Headers.Field::name)
                .containsExactly("X-Utf8", "X-Latin1", "X-Folded", "X-Blank-Before-Colon", "X-Blanks", "Subject");
            assertThat(headers.firstOrEmpty("X-Utf8")).isEqualTo("caf\u00e9 \u00fcber");
            assertThat(headers.firstOrEmpty("X-Latin1")).isEqualTo("caf\u00e9 \u00fcber");
            assertThat(headers.firstOrEmpty("X-Folded")).isEqualTo("one\ttwo  three");
            assertThat(headers.firstOrEmpty("X-Blank-Before-Colon")).isEqualTo("value: with colon");
            assertThat(headers.firstOrEmpty("X-Blanks")).isEqualTo("spaced  out");
            assertThat(headers.first("Subject")).contains("");
        }
    }

    @Nested
    class BrokenMime {
        @ParameterizedTest
        @ValueSource(strings = {"boundary-never-occurs.eml", "missing-final-boundary.eml", "no-header-body-separator.eml", "long-lines.eml"})
        void shouldStillGiveTheRecipient(String name) throws IOException {
            Report report = ANALYZER.analyze(fixture(name));

            assertThat(report.records()).singleElement().satisfies(r -> assertThat(r.recipient()).isEqualTo("gone@example.com"));
        }

        @Test
        void aBase64MessageInsideAReportShouldBeReadAsAMessage() throws IOException {
            Report report = ANALYZER.analyze(fixture("nested-rfc822-base64.eml"));

            assertThat(report.originalMessage()).flatMap(OriginalMessage::messageId).contains("<nested@example.org>");
        }

        @Test
        void anEmptyFileShouldBeNoReport() throws IOException {
            assertThat(ANALYZER.analyze(fixture("empty.eml")).kind()).isEqualTo(ReportKind.NOT_A_REPORT);
        }
    }

    /**
     * A header line that is no field starts the body, every line after it kept: mime4j 0.8.11 lost the
     * line it had read past the broken one (in the corpus: a Received field's next line, the blank line
     * after an unindented {@code boundary=} parameter, 16 lines in 10 messages).
     */
    @Nested
    class ALineThatIsNoField {
        private static String body(String message) throws Exception {
            return READER.read(message.getBytes(StandardCharsets.UTF_8)).root().text();
        }

        @Test
        void shouldStartTheBodyWithTheFieldAfterIt() throws Exception {
            MailMessage message = READER.read(("From: a@example.com\r\nSubject: s\r\nthis line has no colon\r\n"
                + "To: b@example.com\r\nX-Y: z\r\n\r\nrest\r\n").getBytes(StandardCharsets.UTF_8));

            assertThat(message.headers().fields()).extracting(Headers.Field::name).containsExactly("From", "Subject");
            assertThat(message.root().text()).isEqualTo("this line has no colon\r\nTo: b@example.com\r\nX-Y: z\r\n\r\nrest\r\n");
        }

        @Test
        void shouldKeepTheBlankLineAfterIt() throws Exception {
            assertThat(body("Subject: s\r\nboundary=\"b1\"\r\n\r\n--b1\r\n")).isEqualTo("boundary=\"b1\"\r\n\r\n--b1\r\n");
        }

        @Test
        void shouldKeepTheSameLineTwice() throws Exception {
            assertThat(body("Subject: s\r\n-----\r\n-----\r\nrest\r\n")).isEqualTo("-----\r\n-----\r\nrest\r\n");
        }

        @Test
        void shouldKeepItsFoldedLinesAndTheLineAfterThem() throws Exception {
            assertThat(body("Subject: s\r\n(2603:1096::31) by relay\r\n  via relay2; Wed, 17 Apr 2019\r\n"
                + "Received: from relay3\r\n\r\nrest\r\n"))
                .isEqualTo("(2603:1096::31) by relay\r\n  via relay2; Wed, 17 Apr 2019\r\nReceived: from relay3\r\n\r\nrest\r\n");
        }

        @Test
        void shouldKeepTheLastLineOfTheMessage() throws Exception {
            assertThat(body("Subject: s\r\nno colon")).isEqualTo("no colon");
        }

        @Test
        void shouldKeepTheLineAfterItInAPart() throws Exception {
            MailMessage message = READER.read(("MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\nnot a field\r\nX-After: kept\r\n\r\nnotice\r\n--b--\r\n").getBytes(StandardCharsets.UTF_8));

            assertThat(message.parts()).anySatisfy(part -> assertThat(part.text()).isEqualTo("not a field\r\nX-After: kept\r\n\r\nnotice"));
        }

        @Test
        void shouldBeTheContentTypesParameterWhenItIsOne() throws Exception {
            MailMessage message = READER.read(("Subject: s\r\nContent-Type: multipart/alternative;\r\nboundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nplain\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>html</p>\r\n--b--\r\n")
                .getBytes(StandardCharsets.UTF_8));

            assertThat(message.headers().firstOrEmpty("Content-Type")).isEqualTo("multipart/alternative; boundary=\"b\"");
            assertThat(message.root().mimeType()).isEqualTo("multipart/alternative");
            assertThat(message.root().children()).extracting(MimePart::mimeType).containsExactly("text/plain", "text/html");
        }

        @Test
        void shouldBeTheContentDispositionsParameterWhenItIsOne() throws Exception {
            MailMessage message = READER.read(("Content-Type: text/plain\r\nContent-Disposition: attachment\r\nfilename*0*=utf-8''a.txt\r\n"
                + "X-After: kept\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8));

            assertThat(message.headers().firstOrEmpty("Content-Disposition")).isEqualTo("attachment; filename*0*=utf-8''a.txt");
            assertThat(message.headers().firstOrEmpty("X-After")).isEqualTo("kept");
            assertThat(message.root().text()).isEqualTo("body\r\n");
        }

        @Test
        void shouldReadAParameterOnTheNextLineAsTheFieldsOwnBytesAreRead() throws Exception {
            MailMessage message = READER.read("Content-Disposition: attachment;\r\nfilename=\"Müller.txt\"\r\n\r\nbody\r\n"
                .getBytes(StandardCharsets.UTF_8));

            assertThat(message.headers().firstOrEmpty("Content-Disposition")).isEqualTo("attachment; filename=\"Müller.txt\"");
        }

        @Test
        void shouldStartTheBodyAfterAContentTypeWhenItIsNoParameter() throws Exception {
            MailMessage message = READER.read("Content-Type: text/plain;\r\nhello = world\r\n\r\nrest\r\n".getBytes(StandardCharsets.UTF_8));

            assertThat(message.headers().firstOrEmpty("Content-Type")).isEqualTo("text/plain;");
            assertThat(message.root().text()).isEqualTo("hello = world\r\n\r\nrest\r\n");
        }

        @Test
        void shouldLeaveAFieldAfterAContentTypeAField() throws Exception {
            MailMessage message = READER.read("Content-Type: text/plain;\r\nX-Note: a=b\r\n\r\nrest\r\n".getBytes(StandardCharsets.UTF_8));

            assertThat(message.headers().firstOrEmpty("Content-Type")).isEqualTo("text/plain;");
            assertThat(message.headers().firstOrEmpty("X-Note")).isEqualTo("a=b");
            assertThat(message.root().text()).isEqualTo("rest\r\n");
        }

        @Test
        void shouldContinueTheFieldBeforeItInTheHeaderOfAnAttachedMessage() throws Exception {
            MailMessage message = READER.read(("MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nnotice\r\n"
                + "--b\r\nContent-Type: message/rfc822\r\n\r\n"
                + "Received: from [127.0.0.1] (localhost [127.0.0.1])\r\nby mx.example.net (Postfix) with ESMTP id 44kW\r\n"
                + "for <gone@example.com>; Wed, 17 Apr 2019 14:38:21 +0900 (JST)\r\nSubject: Nyaan\r\nMessage-ID: <44kW@mx.example.net>\r\n\r\n"
                + "original body\r\n--b--\r\n").getBytes(StandardCharsets.UTF_8));

            Headers original = message.attachedMessage().orElseThrow().headers();
            assertThat(original.fields()).extracting(Headers.Field::name).containsExactly("Received", "Subject", "Message-ID");
            assertThat(original.firstOrEmpty("Received")).isEqualTo("from [127.0.0.1] (localhost [127.0.0.1]) by mx.example.net (Postfix)"
                + " with ESMTP id 44kW for <gone@example.com>; Wed, 17 Apr 2019 14:38:21 +0900 (JST)");
            assertThat(original.firstOrEmpty("Message-ID")).isEqualTo("<44kW@mx.example.net>");
        }

        @Test
        void shouldStartTheBodyOfAnAttachedMessageWithoutAHeader() throws Exception {
            MailMessage message = READER.read(("MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: message/rfc822\r\n\r\nHello Bob,\r\nTo: you, as agreed\r\n--b--\r\n").getBytes(StandardCharsets.UTF_8));

            assertThat(message.attachedMessage().orElseThrow().headers().isEmpty()).isTrue();
        }

        @Test
        void shouldKeepTheBlankLineOfARealNotice() throws Exception {
            assertThat(READER.read(fixture("no-header-body-separator.eml")).root().text())
                .startsWith("This message was created automatically by mail delivery software.\n\nA message that you sent");
        }
    }

    @Test
    void encodedWordsInTheOriginalHeadersShouldBeDecoded() throws IOException {
        OriginalMessage original = ANALYZER.analyze(fixture("encoded-word-addresses.eml")).originalMessage().orElseThrow();

        assertThat(original.from()).contains("Renée Müller <sender@example.org>");
        assertThat(original.subject()).contains("héllo");
        assertThat(original.to()).contains("gone@example.com");
    }
}
