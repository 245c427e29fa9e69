package io.jamesbounce.core.json;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Escapes only what JSON requires, the way this project always wrote it: {@code "} and {@code \} with
 * a backslash, LF, CR and tab as {@code \n \r \t}, every other control character as {@code \}{@code u00xx}
 * in lower-case hex. Everything else (non-ASCII, supplementary characters, {@code /}, {@code <}, U+2028)
 * is written as it is.
 *
 * <p>Jackson's default differs only in {@code \b}, {@code \f} and upper-case hex; the output of the CLI and
 * of exports must stay byte for byte what it was.
 */
final class MinimalEscapes extends CharacterEscapes {
    static final MinimalEscapes INSTANCE = new MinimalEscapes();

    private static final long serialVersionUID = 1L;

    private final int[] ascii;
    private final SerializableString[] controls = new SerializableString[0x20];

    private MinimalEscapes() {
        ascii = standardAsciiEscapesForJSON();
        for (int c = 0; c < 0x20; c++) {
            if (c != '\n' && c != '\r' && c != '\t') {
                ascii[c] = ESCAPE_CUSTOM;
                String hex = Integer.toHexString(c);
                controls[c] = new SerializedString("\\u" + "0".repeat(4 - hex.length()) + hex);
            }
        }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        return ch < controls.length ? controls[ch] : null;
    }
}
