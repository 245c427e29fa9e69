package io.jamesbounce.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;

class OriginalMarkerTest {
    private static final String[] LINE_ENDS = {"\n", "\r\n", "\r", "\n-----", "\n----- ", "\n--- ", "\n- "};
    private static final String[] PIECES = {"-----", "--- ", "- ", "|", "> ", "  ", "\t", "=", "_", "*",
        "this is a copy of", "Below this line is a copy", " of the message", "original", "ORIGINAL MESSAGE", " message", " follows",
        " headers", "the original message", " was", " is", " attached", " enclosed", " as follows", "the headers", "The header",
        " of ", "the ", "your ", "original ", "message", " are", " following", " below", "returned", "Unsent", "undelivered",
        "message header", "headers of the original", "forwarded message", "content-type: message/rfc822", "Content-Type: text/plain",
        "text", "tables {", "hello", " message text follows", "the header of the original message is following"};

    @Test
    void findsTheLineThatThePatternFinds() {
        int found = 0;
        for (int seed = 0; seed < 20_000; seed++) {
            Random random = new Random(seed);
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(16); i > 0; i--) {
                // a line break a third of the time: markers are found at line starts
                text.append(random.nextInt(3) == 0 ? LINE_ENDS[random.nextInt(LINE_ENDS.length)] : PIECES[random.nextInt(PIECES.length)]);
            }
            String s = text.toString();
            int from = s.isEmpty() ? 0 : random.nextInt(Math.min(s.length(), 8));
            Matcher m = NoticeText.ORIGINAL_MARKER.matcher(s);
            int expected = m.find(from) ? m.start() : -1;

            assertThat(NoticeText.originalMarker(s, from)).as("%s from %d", s, from).isEqualTo(expected);
            found += expected >= 0 ? 1 : 0;
        }
        // the texts are drawn to hold a marker often and to miss one often
        assertThat(found).isBetween(2_000, 18_000);
    }
}
