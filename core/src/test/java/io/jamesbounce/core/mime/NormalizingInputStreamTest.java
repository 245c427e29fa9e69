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
        // its own buffer: the largest, one as large as the input (as MessageReader sizes it), or a small one
        byte[] alphabet = "ab\r\n\r\r".getBytes(StandardCharsets.US_ASCII);
        for (int seed = 0; seed < 3_000; seed++) {
            Random random = new Random(seed);
            // now and then longer than the 16 KB buffer, so a CR falls at its end
            byte[] input = new byte[seed % 20 == 0 ? 16_000 + random.nextInt(1_000) : random.nextInt(100)];
            for (int i = 0; i < input.length; i++) {
                input[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String expected = new String(input, StandardCharsets.ISO_8859_1).replaceAll("\r(?!\n)", "\n");

            int bufferSize = switch (seed % 3) {
                case 0 -> NormalizingInputStream.MAX_BUFFER;
                case 1 -> input.length;
                default -> NormalizingInputStream.MIN_BUFFER + random.nextInt(64);
            };
            InputStream in = new NormalizingInputStream(new ByteArrayInputStream(input), Long.MAX_VALUE, bufferSize);
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
        byte[] mbox = "From x Mon\r\nSubject: a\rb\n".getBytes(StandardCharsets.US_ASCII);
        for (int bufferSize : new int[] {1, mbox.length, NormalizingInputStream.MAX_BUFFER}) {
            InputStream in = new NormalizingInputStream(new ByteArrayInputStream(mbox), 1_000, bufferSize);

            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).as("buffer %d", bufferSize).isEqualTo("Subject: a\nb\n");
        }
    }
}
