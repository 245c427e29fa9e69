package io.jamesbounce.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.jamesbounce.core.testing.RandomText;

class LinesTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "a", "a\n", "\n", "a\r\nb", "a\rb", "a\r\r\nb", "a\n\r\nb\r", "\r\n\r\n", "a\n\nb\n\n", "x\r", "\rx"})
    void linesAreCutAsThePatternsTheyReplaceCutThem(String text) {
        assertThat(Lines.split(text)).containsExactly(Pattern.compile("\r\n|\r|\n").split(text, -1));
        assertThat(Lines.splitAtLineFeeds(text)).containsExactly(Pattern.compile("\r?\n").split(text, -1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "a\n", "\n", "a\r\nb", "a\rb", "a\r\r\nb", "\n\n", "x\u0085y\u2028z\u2029", "a\nb\r\nc\rd\n",
        "a\r\nb\rc\r\nd", "\r\r\n\r", "a\nb\r", "ab\r\n\n\rc", "\r", "a\r\n\u2028b\r\n"})
    void lineStartsAreWhereAMultiLineCaretMatches(String text) {
        assertThat(Arrays.stream(Lines.starts(text)).boxed().toList()).isEqualTo(caretPositions(text));
    }

    @Test
    void lineStartsOfRandomTextAreWhereAMultiLineCaretMatches() {
        for (int seed = 0; seed < 2_000; seed++) {
            Random random = new Random(seed);
            String text = RandomText.of(random, 40, "a", "b", "\r", "\n", "\r", "\n");
            assertThat(Arrays.stream(Lines.starts(text)).boxed().toList()).as("%s", text).isEqualTo(caretPositions(text));
        }
    }

    private static List<Integer> caretPositions(String text) {
        Matcher caret = Pattern.compile("(?m)^").matcher(text);
        List<Integer> expected = new ArrayList<>();
        while (caret.find()) {
            expected.add(caret.start());
        }
        return expected;
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nb", "a\rb\nc"})
    void theListsCannotBeChanged(String text) {
        List<String> lines = Lines.split(text);
        assertThatThrownBy(() -> lines.add("x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
