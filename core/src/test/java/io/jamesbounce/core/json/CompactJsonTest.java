package io.jamesbounce.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CompactJsonTest {
    /** What the hand-written writers this class replaced produced, character for character (issue #20). */
    private static String handWritten(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }

    @Nested
    class Strings {
        @Test
        void quotesAndBackslashesShouldBeEscapedWithABackslash() {
            assertThat(CompactJson.write("say \"hi\" \\ bye")).isEqualTo("\"say \\\"hi\\\" \\\\ bye\"");
        }

        @Test
        void lineFeedCarriageReturnAndTabShouldBeShortEscapes() {
            assertThat(CompactJson.write("a\nb\rc\td")).isEqualTo("\"a\\nb\\rc\\td\"");
        }

        @Test
        void otherControlCharactersShouldBeLowerCaseUnicodeEscapesNotJacksonsDefaults() {
            // Jackson would write \b, \f and upper-case hex (\u001F)
            assertThat(CompactJson.write("\u0000\u0001\b\f\u000b\u001b\u001f"))
                .isEqualTo("\"\\u0000\\u0001\\u0008\\u000c\\u000b\\u001b\\u001f\"");
        }

        @Test
        void nonAsciiSupplementarySlashAndHtmlCharactersShouldBeWrittenAsTheyAre() {
            String text = "café ✓ 日本 😀 / </script> & ' \u007f \u0080 \u00a0 \u2028 \u2029 \ufeff \uffff";

            assertThat(CompactJson.write(text)).isEqualTo("\"" + text + "\"");
        }

        @Test
        void aLoneSurrogateShouldBeWrittenAsItIs() {
            assertThat(CompactJson.write("a\ud800b\udc00")).isEqualTo("\"a\ud800b\udc00\"");
        }

        @Test
        void everyCharacterOfTheFirstPlaneShouldBeWrittenAsTheHandWrittenWritersDid() {
            StringBuilder all = new StringBuilder();
            for (char c = 0; c < 0x3000; c++) {
                all.append(c);
            }
            all.append("\ud83d\ude00\ue000\ufffd\ufffe\uffff");

            assertThat(CompactJson.write(all.toString())).isEqualTo(handWritten(all.toString()));
        }

        @Test
        void memberNamesShouldBeEscapedLikeValues() {
            assertThat(CompactJson.write(Map.of("a\"\u0001", "x"))).isEqualTo("{\"a\\\"\\u0001\":\"x\"}");
        }
    }

    @Nested
    class Values {
        @Test
        void membersShouldKeepTheirOrderWithNoSpaceAndNullsWritten() {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("z", "last first");
            object.put("a", null);
            object.put("hard", true);
            object.put("code", 550);
            object.put("list", List.of(Map.of("k", "v"), List.of()));

            assertThat(CompactJson.write(object))
                .isEqualTo("{\"z\":\"last first\",\"a\":null,\"hard\":true,\"code\":550,\"list\":[{\"k\":\"v\"},[]]}");
        }

        @Test
        void anEmptyListAndNullsInAListShouldBeWritten() {
            assertThat(CompactJson.write(List.of())).isEqualTo("[]");
            assertThat(CompactJson.write(Arrays.asList("a", null))).isEqualTo("[\"a\",null]");
        }
    }
}
