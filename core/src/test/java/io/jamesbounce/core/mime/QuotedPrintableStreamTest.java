package io.jamesbounce.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.Function;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.junit.jupiter.api.Test;

class QuotedPrintableStreamTest {
    /** Weighted towards what the decoder treats specially: '=', line ends, blanks, hex digits. */
    private static final byte[] ALPHABET = "====\r\r\n\n\n  \t\u000b\u001c09AFafGz\u0085\u00a0\u00ff.<>"
        .getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void decodesWhatRfc2045Encodes() throws IOException {
        String encoded = "caf=C3=A9 au lait =\r\nsoft break\r\nhard break   \r\nend=3D=3d";

        assertThat(new String(decode(encoded.getBytes(StandardCharsets.US_ASCII), QuotedPrintableStream::new), StandardCharsets.UTF_8))
            .isEqualTo("café au lait soft break\r\nhard break\r\nend==");
    }

    @Test
    void keepsMime4jsReadingOfBrokenInput() throws IOException {
        String encoded = "bad =ZZ and =4 and = gap\nline feed only \t\nlone\rcarriage";

        assertThat(new String(decode(encoded.getBytes(StandardCharsets.US_ASCII), QuotedPrintableStream::new), StandardCharsets.ISO_8859_1))
            .isEqualTo(new String(decode(encoded.getBytes(StandardCharsets.US_ASCII), QuotedPrintableStreamTest::mime4j),
                StandardCharsets.ISO_8859_1))
            .isEqualTo("bad =ZZ and =4 and = gap\r\nline feed only\r\nlone\rcarriage");
    }

    @Test
    void givesMime4jsBytesForRandomInputReadInRandomPieces() throws IOException {
        for (int seed = 0; seed < 20_000; seed++) {
            Random random = new Random(seed);
            // long inputs now and then, to cross the 4,000-byte buffer with '=' sequences at its edge
            int length = seed % 50 == 0 ? 3_000 + random.nextInt(12_000) : random.nextInt(200);
            byte[] input = new byte[length];
            for (int i = 0; i < length; i++) {
                input[i] = random.nextInt(8) == 0 ? (byte) random.nextInt(256) : ALPHABET[random.nextInt(ALPHABET.length)];
            }
            long pieces = random.nextLong();

            byte[] ours = decodeInPieces(new QuotedPrintableStream(new Trickle(input, pieces)), pieces);
            byte[] theirs = decodeInPieces(mime4j(new Trickle(input, pieces)), pieces);

            assertThat(ours).as("seed %d", seed).isEqualTo(theirs);
        }
    }

    @Test
    void readsDoubleEqualsAtTheEdgeOfItsBufferAsMime4jDoes() throws IOException {
        // "==" then a line break soft or hard depending on whether the break is already buffered
        for (int shift = 0; shift < 8; shift++) {
            String encoded = "x".repeat(shift) + "ab==\r\n".repeat(2_000) + "cd==\n".repeat(2_000);
            byte[] input = encoded.getBytes(StandardCharsets.US_ASCII);

            assertThat(decode(input, QuotedPrintableStream::new)).as("shift %d", shift).isEqualTo(decode(input, QuotedPrintableStreamTest::mime4j));
        }
    }

    @Test
    void singleByteReadsGiveTheSameBytes() throws IOException {
        byte[] input = "a=3Db =\r\nc  \r\nd=\n==\r\ne\r".getBytes(StandardCharsets.US_ASCII);
        InputStream in = new QuotedPrintableStream(new ByteArrayInputStream(input));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            out.write(b);
        }

        assertThat(out.toByteArray()).isEqualTo(decode(input, QuotedPrintableStreamTest::mime4j));
    }

    private static InputStream mime4j(InputStream in) {
        return new QuotedPrintableInputStream(in, DecodeMonitor.SILENT);
    }

    private static byte[] decode(byte[] input, Function<InputStream, InputStream> decoder) throws IOException {
        return decoder.apply(new ByteArrayInputStream(input)).readAllBytes();
    }

    /** Reads with array lengths drawn from {@code seed}: the same lengths for both decoders. */
    private static byte[] decodeInPieces(InputStream in, long seed) throws IOException {
        Random random = new Random(seed ^ 0x5DEECE66DL);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[9_000];
        while (true) {
            int len = random.nextInt(4) == 0 ? random.nextInt(4) : random.nextInt(buf.length);
            int n = in.read(buf, 0, len);
            if (n < 0) {
                return out.toByteArray();
            }
            assertThat(n).isLessThanOrEqualTo(len);
            out.write(buf, 0, n);
        }
    }

    /** A source that hands out its bytes in pieces of sizes drawn from a seed, as a MIME boundary stream does. */
    private static final class Trickle extends InputStream {
        private final byte[] data;
        private final Random random;
        private int pos;

        Trickle(byte[] data, long seed) {
            this.data = data;
            this.random = new Random(seed);
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, data.length - pos), 1 + random.nextInt(random.nextBoolean() ? 8 : 5_000));
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
