package io.jamesbounce.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

class NormalizingInputStreamTest {
    @Test
    void turnsLoneCarriageReturnsIntoLineFeedsWhereverTheBuffersEnd() throws IOException {
        byte[] alphabet = "ab\r\n\r\r".getBytes(StandardCharsets.US_ASCII);
        for (int seed = 0; seed < 3_000; seed++) {
            Random random = new Random(seed);
            // now and then longer than the 16 KB buffer, so a CR falls at its end
            byte[] input = new byte[seed % 20 == 0 ? 16_000 + random.nextInt(1_000) : random.nextInt(100)];
            for (int i = 0; i < input.length; i++) {
                input[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String expected = new String(input, StandardCharsets.ISO_8859_1).replaceAll("\r(?!\n)", "\n");

            InputStream in = new NormalizingInputStream(new ByteArrayInputStream(input), Long.MAX_VALUE);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[20_000];
            for (int n = in.read(buf, 0, 1 + random.nextInt(buf.length)); n >= 0; n = in.read(buf, 0, 1 + random.nextInt(buf.length))) {
                out.write(buf, 0, n);
            }

            assertThat(out.toString(StandardCharsets.ISO_8859_1)).as("seed %d", seed).isEqualTo(expected);
        }
    }

    @Test
    void skipsAnMboxFromLine() throws IOException {
        InputStream in = new NormalizingInputStream(new ByteArrayInputStream("From x Mon\r\nSubject: a\rb\n".getBytes(StandardCharsets.US_ASCII)), 1_000);

        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("Subject: a\nb\n");
    }
}
