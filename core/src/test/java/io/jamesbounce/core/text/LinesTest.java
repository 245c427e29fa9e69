package io.jamesbounce.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinesTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "a", "a\n", "\n", "a\r\nb", "a\rb", "a\r\r\nb", "a\n\r\nb\r", "\r\n\r\n", "a\n\nb\n\n", "x\r", "\rx"})
    void linesAreCutAsThePatternsTheyReplaceCutThem(String text) {
        assertThat(Lines.split(text)).containsExactly(Pattern.compile("\r\n|\r|\n").split(text, -1));
        assertThat(Lines.splitAtLineFeeds(text)).containsExactly(Pattern.compile("\r?\n").split(text, -1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "a\n", "\n", "a\r\nb", "a\rb", "a\r\r\nb", "\n\n", "x\u0085y\u2028z\u2029", "a\nb\r\nc\rd\n"})
    void lineStartsAreWhereAMultiLineCaretMatches(String text) {
        Matcher caret = Pattern.compile("(?m)^").matcher(text);
        List<Integer> expected = new ArrayList<>();
        while (caret.find()) {
            expected.add(caret.start());
        }
        assertThat(Arrays.stream(Lines.starts(text)).boxed().toList()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nb", "a\rb\nc"})
    void theListsCannotBeChanged(String text) {
        List<String> lines = Lines.split(text);
        assertThatThrownBy(() -> lines.add("x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
