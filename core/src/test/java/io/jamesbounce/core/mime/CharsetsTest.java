package io.jamesbounce.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

class CharsetsTest {
    private static final Charset ISO_2022_JP = Charset.forName("ISO-2022-JP");

    @Test
    void theLabelsOfManyMailsShouldNotFillTheMemory() {
        for (int i = 0; i < 2_000; i++) {
            assertThat(Charsets.lookup("x-label-" + i)).isEmpty();
            assertThat(Charsets.cachedLabels()).isLessThanOrEqualTo(512);
        }
        assertThat(Charsets.lookup("utf8")).contains(StandardCharsets.UTF_8);
    }

    @Test
    void decodesIso2022JpAsTheJdkDoes() {
        // plain text, escapes into and out of JIS X 0208, shifts, 8-bit bytes and broken escapes
        byte[][] pieces = {"Delivery failed. ".getBytes(ISO_2022_JP), "\u306b\u3083\u30fc\u3093".getBytes(ISO_2022_JP), {0x1B},
            {0x1B, '$', 'B'}, {0x1B, '(', 'B'}, {0x1B, '(', 'J'}, {0x0E}, {0x0F}, {(byte) 0xE3, (byte) 0x81}, {'$', 'K'}, {'\r', '\n'}};
        for (int seed = 0; seed < 5_000; seed++) {
            Random random = new Random(seed);
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            for (int i = random.nextInt(8); i > 0; i--) {
                text.writeBytes(pieces[random.nextInt(pieces.length)]);
            }
            byte[] bytes = text.toByteArray();

            assertThat(Charsets.decode(bytes, bytes.length, Optional.of("\"ISO-2022-JP\"")))
                .as("seed %d", seed).isEqualTo(new String(bytes, ISO_2022_JP));
        }
    }
}
