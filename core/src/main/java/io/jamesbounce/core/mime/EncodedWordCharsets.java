package io.jamesbounce.core.mime;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The charset labels of a header's RFC 2047 encoded words, made Java charset names before mime4j
 * decodes them.
 *
 * <p>Why: mime4j asks the JDK for each word's charset by its label, and the JDK answers an unknown
 * label only after loading and building every charset provider again: about 60 µs a word here. A
 * returned message of 940 To fields each holding {@code =?x?Q?=FF=?=} took 55 ms (found fuzzing,
 * seed 20261218). Here a label is resolved once ({@link Charsets}, cached, with the aliases real mail
 * uses: {@code unknown-8bit}, {@code utf8}, {@code sjis}...), and a word whose label names no charset
 * is read as ISO-8859-1, which keeps every byte, where mime4j left it encoded.
 *
 * <p>Words are found as mime4j 0.8.11's decoder finds them ({@code =?}, the next {@code ?}, the next
 * {@code ?}, the next {@code ?=}), so that it sees the same words with only their labels changed.
 */
final class EncodedWordCharsets {
    private EncodedWordCharsets() {
    }

    /**
     * {@code value} with the label of every encoded word that mime4j decodes (Q or B) the name of its
     * Java charset; itself when none changes; empty when a word of another encoding has a label that
     * names no charset. mime4j leaves such a word as it is, label included, so its label cannot be
     * changed; yet it asks the JDK for that label first, at the cost above (fuzzing, seed 20261219:
     * 861 To fields each with {@code =?x?Qx?...?=}, 100 ms). No real header has such a word, and a value
     * with one is kept as it is, undecoded.
     */
    static Optional<String> canonical(String value) {
        StringBuilder out = null;
        int copied = 0;
        int position = 0;
        int length = value.length();
        while (position < length) {
            int start = value.indexOf("=?", position);
            if (start < 0) {
                break;
            }
            int charsetEnd = value.indexOf('?', start + 2);
            int encodingEnd = charsetEnd < 0 ? -1 : value.indexOf('?', charsetEnd + 1);
            int textEnd = encodingEnd < 0 ? -1 : value.indexOf("?=", encodingEnd + 1);
            if (textEnd < 0) {
                position = start + 2;
                continue;
            }
            position = textEnd + 2;
            if (encodingEnd == textEnd) {
                continue;
            }
            String label = value.substring(start + 2, charsetEnd);
            Optional<Charset> charset = Charsets.forLabel(label);
            if (!isDecoded(value, charsetEnd + 1, encodingEnd)) {
                if (charset.isEmpty()) {
                    return Optional.empty();
                }
                continue;
            }
            String name = charset.map(Charset::name).orElse(StandardCharsets.ISO_8859_1.name());
            if (!name.equalsIgnoreCase(label)) {
                if (out == null) {
                    out = new StringBuilder(length + 16);
                }
                out.append(value, copied, start + 2).append(name);
                copied = charsetEnd;
            }
        }
        return Optional.of(out == null ? value : out.append(value, copied, length).toString());
    }

    /** mime4j decodes a word of encoding Q or B, in either case. */
    private static boolean isDecoded(String value, int from, int to) {
        return to - from == 1 && "QqBb".indexOf(value.charAt(from)) >= 0;
    }
}
