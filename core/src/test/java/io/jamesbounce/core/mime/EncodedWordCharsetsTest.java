package io.jamesbounce.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.junit.jupiter.api.Test;

class EncodedWordCharsetsTest {
    @Test
    void aWordOfAnUnknownCharsetShouldBeReadAsLatin1() {
        assertThat(EncodedWordCharsets.canonical("a =?x?Q?=FF?= b")).contains("a =?ISO-8859-1?Q?=FF?= b");
        assertThat(MailMessage.decodeWords("To: alice@example.org =?x?Q?=FF?=")).isEqualTo("To: alice@example.org ÿ");
    }

    @Test
    void theAliasesOfRealMailShouldBeDecoded() {
        assertThat(MailMessage.decodeWords("=?unknown-8bit?Q?Ren=E9e?=")).isEqualTo("Renée");
        assertThat(MailMessage.decodeWords("=?utf8?B?" + Base64.getEncoder().encodeToString("Müller".getBytes(StandardCharsets.UTF_8)) + "?="))
            .isEqualTo("Müller");
    }

    @Test
    void aLabelWithItsLanguageShouldBeItsCharset() {
        assertThat(MailMessage.decodeWords("=?utf-8*en?Q?caf=C3=A9?=")).isEqualTo("café");
    }

    @Test
    void aValueWhoseLabelsAreJavaNamesShouldBeTheSameString() {
        String value = "=?UTF-8?Q?a?= =?ISO-8859-1?B?YQ==?= plain";

        assertThat(EncodedWordCharsets.canonical(value).orElseThrow()).isSameAs(value);
    }

    @Test
    void whatIsNoWordShouldBeLeftAsItIs() {
        for (String value : new String[] {"=?", "=?x", "=?x?Q", "=?x?Q?abc", "=?x??=", "a=?b?c=?d", "=?=?x?Q?=?="}) {
            assertThat(MailMessage.decodeWords(value)).as(value).isEqualTo(DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT));
        }
        assertThat(EncodedWordCharsets.canonical("=?x?Q")).contains("=?x?Q");
        assertThat(EncodedWordCharsets.canonical("=?x??=")).contains("=?x??=");
    }

    @Test
    void aWordMime4jLeavesEncodedShouldKeepItsLabel() {
        assertThat(MailMessage.decodeWords("=?x?Z?abc?= and =?utf-8?Z?abc?=")).isEqualTo("=?x?Z?abc?= and =?utf-8?Z?abc?=");
    }

    @Test
    void aValueWithAWordMime4jLeavesEncodedUnderAnUnknownLabelShouldBeKeptAsItIs() {
        String value = "=?x?Qx?a?= =?utf-8?Q?caf=C3=A9?=";

        assertThat(EncodedWordCharsets.canonical(value)).isEmpty();
        assertThat(MailMessage.decodeWords(value)).isEqualTo(value);
    }

    /** For labels the JDK knows, the decoding is mime4j's own, however the words are mixed and broken. */
    @Test
    void labelsTheJdkKnowsShouldDecodeAsMime4jDecodesThem() {
        String[] labels = {"utf-8", "UTF-8", "iso-8859-1", "us-ascii", "windows-1252", "ISO-2022-JP", "Shift_JIS"};
        String[] pieces = {" ", "  ", "\t", "x", "?", "=", "=?", "?=", "_", "é", "<a@b.example>"};
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder value = new StringBuilder();
            int parts = 1 + random.nextInt(6);
            for (int p = 0; p < parts; p++) {
                if (random.nextInt(3) == 0) {
                    value.append(pieces[random.nextInt(pieces.length)]);
                    continue;
                }
                String label = labels[random.nextInt(labels.length)];
                byte[] bytes = new byte[random.nextInt(6)];
                random.nextBytes(bytes);
                String text = random.nextBoolean() ? Base64.getEncoder().encodeToString(bytes) : qEncoded(bytes);
                value.append("=?").append(label).append(random.nextBoolean() ? "?B?" : "?Q?").append(text).append(random.nextInt(8) == 0 ? "" : "?=");
            }
            String v = value.toString();
            // a broken word can take an unknown label ("=?=?utf-8?Q?..."): then the value is kept as it is
            String expected = EncodedWordCharsets.canonical(v).isPresent() ? DecoderUtil.decodeEncodedWords(v, DecodeMonitor.SILENT) : v;
            assertThat(MailMessage.decodeWords(v)).as(v).isEqualTo(expected);
        }
    }

    private static String qEncoded(byte[] bytes) {
        StringBuilder q = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xff;
            q.append(c > 32 && c < 127 && c != '=' && c != '?' && c != '_' ? String.valueOf((char) c) : String.format("=%02X", c));
        }
        return q.toString();
    }
}
