package io.jamesbounce.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

import io.jamesbounce.core.testing.RandomText;

class HtmlToTextTest {
    private static final String[] PIECES = {"&", "amp;", "lt;", "gt;", "quot;", "nbsp;", "&amp;", "&lt;", "&nbsp;", "a", ";", " ", "&am", "p;"};

    @Test
    void decodesTheFiveEntitiesOnceEach() {
        assertThat(MailMessage.htmlToText("<p>5 &lt; 6&nbsp;&amp;&nbsp;&quot;x&quot; &gt; y</p>&amp;lt; &copy; &"))
            .isEqualTo("5 < 6 & \"x\" > y\n&lt; &copy; &");
    }

    @Test
    void decodesEntitiesAsReplacingEachInTurnDid() {
        for (int seed = 0; seed < 5_000; seed++) {
            Random random = new Random(seed);
            String s = RandomText.of(random, 12, PIECES);
            String replacedInTurn = s.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");

            assertThat(MailMessage.withEntitiesDecoded(s)).as(s).isEqualTo(replacedInTurn);
        }
    }
}
