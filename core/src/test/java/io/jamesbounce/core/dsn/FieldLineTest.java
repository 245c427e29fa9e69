package io.jamesbounce.core.dsn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The field-line test reads a line as the regular expression it replaced did. */
class FieldLineTest {
    private static final Pattern FIELD = Pattern.compile("^([A-Za-z][A-Za-z0-9-]{0,60})\\s*:(.*)$");

    @ParameterizedTest
    @ValueSource(strings = {"Action: failed", "Status:5.1.1", "Diagnostic-Code : smtp; 550", "x: ", "a:", ":", "1a: b", "-a: b", "",
        "Final-Recipient", "Remote-MTA: dns; mx\r", "Remote-MTA: dns; mx\r\n", "Remote-MTA: a\rb", "Name\t\f\u000B: v", "Name\r: v",
        "Name: a\u0085", "Name: a\u0085b", "Name: a\u2028", "Name: x\u2029y", "Na me: v", "N_ame: v", "Ñame: v", "Name: é ü 中"})
    void knownLines(String line) {
        assertSame(line);
    }

    @Test
    void namesUpToSixtyOneCharacters() {
        assertSame("A" + "b".repeat(60) + ": v");
        assertSame("A" + "b".repeat(61) + ": v");
        assertSame("A" + "b".repeat(59) + "  : v");
    }

    @Test
    void randomLinesOfFieldCharacters() {
        String alphabet = "Aa0-: \t\r\n\u0085\u2028é;";
        Random random = new Random(3464);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(12);
            for (int k = 0; k < length; k++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertSame(sb.toString());
        }
    }

    private static void assertSame(String line) {
        Matcher m = FIELD.matcher(line);
        int[] f = DeliveryStatusParser.fieldLine(line);
        if (!m.matches()) {
            assertThat(f).as("%s is no field", line.replace("\r", "\\r").replace("\n", "\\n")).isNull();
            return;
        }
        assertThat(f).as(line).isNotNull();
        assertThat(line.substring(0, f[0])).isEqualTo(m.group(1));
        assertThat(line.substring(f[1] + 1, f[2])).isEqualTo(m.group(2));
    }
}
