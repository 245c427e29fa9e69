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
    void dropsTheContentOfStyleAndScriptElements() {
        // AOL's notices: a style sheet of 10 KB before the first word (rhost-aol-01 in the corpus)
        String html = "<html><head><STYLE type=\"text/css\">\n@media screen { body { margin: 0; } }\n</Style >"
            + "<script>if (a < b) { x(\"</p>\"); }</script></head><body><p>Your message could not be delivered.</p>"
            + "<styles>kept</styles><scripted>kept too</scripted></body></html>";

        assertThat(MailMessage.htmlToText(html)).isEqualTo("Your message could not be delivered.\nkeptkept too");
    }

    @Test
    void keepsWhatFollowsAStyleElementThatNeverCloses() {
        assertThat(MailMessage.htmlToText("<style>a { b }<p>Delivery failed</p>")).isEqualTo("a { b }Delivery failed\n");
        // as a browser reads it: the element runs to the first closing tag, whatever opens in between
        assertThat(MailMessage.htmlToText("<style>a<style>b</style>Delivery failed")).isEqualTo("Delivery failed");
    }

    @Test
    void manyStyleElementsThatNeverCloseShouldKeepTheirText() {
        String html = "<style>x".repeat(200_000);

        // linear: once no closing tag follows, none is looked for again (else 200,000 searches of up to 1.6 MB)
        assertThat(MailMessage.htmlToText(html)).isEqualTo("x".repeat(200_000));
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
