package io.jamesbounce.core.mime;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Decodes text in the charsets real bounces declare, including misspelt names and UTF-7, which the JDK lacks. */
public final class Charsets {
    /** Distinct labels kept: real mail uses a few dozen; anyone can send more. */
    private static final int MAX_CACHED = 512;
    private static final Map<String, Optional<Charset>> CACHE = new ConcurrentHashMap<>();
    private static final Map<String, String> ALIASES = Map.of(
        "utf8", "UTF-8",
        "iso8859-1", "ISO-8859-1",
        "latin1", "ISO-8859-1",
        "iso-2022-jp-2", "ISO-2022-JP",
        "x-unknown", "ISO-8859-1",
        "unknown-8bit", "ISO-8859-1",
        "ks_c_5601-1987", "EUC-KR",
        "shift-jis", "Shift_JIS",
        "sjis", "Shift_JIS",
        "ascii", "US-ASCII");

    private Charsets() {
    }

    public static String decode(byte[] bytes, int length, Optional<String> declared) {
        String name = declared.map(Charsets::clean).orElse("");
        if (name.equals("utf-7") || name.equals("unicode-1-1-utf-7")) {
            return Utf7.decode(bytes, length);
        }
        Optional<Charset> charset = name.isEmpty() ? Optional.empty() : lookup(name);
        if (charset.isPresent() && charset.get().name().equals("ISO-2022-JP")) {
            return decodeIso2022Jp(bytes, length, charset.get());
        }
        if (charset.isPresent() && !charset.get().equals(StandardCharsets.US_ASCII)) {
            return new String(bytes, 0, length, charset.get());
        }
        // Undeclared, unknown or ASCII declared over 8-bit bytes: UTF-8 when valid, else Latin-1, so no byte is lost.
        return decodeUtf8OrLatin1(bytes, length);
    }

    /**
     * ISO-2022-JP as the JDK decodes it, the plain ASCII before the first escape copied as it is: the
     * JDK's decoder takes several nanoseconds a byte, and a Japanese notice's English half comes
     * first (often all of it: 40 KB with no escape). Up to the first ESC, SO, SI or 8-bit byte the
     * decoder is in its first state, ASCII, and writes each byte as its character; from there on a
     * fresh decoder is in the same state.
     */
    static String decodeIso2022Jp(byte[] bytes, int length, Charset charset) {
        int plain = 0;
        while (plain < length && bytes[plain] >= 0 && bytes[plain] != 0x1B && bytes[plain] != 0x0E && bytes[plain] != 0x0F) {
            plain++;
        }
        String ascii = new String(bytes, 0, plain, StandardCharsets.ISO_8859_1);
        return plain == length ? ascii : ascii + new String(bytes, plain, length - plain, charset);
    }

    public static String decodeUtf8OrLatin1(byte[] bytes, int length) {
        return decodeUtf8OrLatin1(bytes, 0, length);
    }

    /** {@code length} bytes from {@code offset}: UTF-8 when they are valid UTF-8, else Latin-1. */
    static String decodeUtf8OrLatin1(byte[] bytes, int offset, int length) {
        boolean ascii = true;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        try {
            CharBuffer cb = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, offset, length));
            return cb.toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
    }

    private static String clean(String declared) {
        String n = declared.trim().toLowerCase(Locale.ROOT);
        if (n.length() > 1 && n.startsWith("\"") && n.endsWith("\"")) {
            n = n.substring(1, n.length() - 1).trim();
        }
        return n;
    }

    /**
     * The Java charset an encoded word's label names, misspellings and aliases included, without the
     * language RFC 2231 lets it carry ({@code utf-8*en}); none for UTF-7.
     */
    static Optional<Charset> forLabel(String label) {
        int language = label.indexOf('*');
        String name = clean(language < 0 ? label : label.substring(0, language));
        return name.isEmpty() ? Optional.empty() : lookup(name);
    }

    static Optional<Charset> lookup(String name) {
        Optional<Charset> cached = CACHE.get(name);
        if (cached != null) {
            return cached;
        }
        Optional<Charset> charset = resolve(name);
        // labels come from mail: the cache starts over when full, so that whoever sent many labels
        // cannot keep them there, nor keep the next ones out (each unknown one costs the JDK a lookup)
        if (CACHE.size() >= MAX_CACHED) {
            CACHE.clear();
        }
        CACHE.put(name, charset);
        return charset;
    }

    /** Labels cached now: for the test of the bound. */
    static int cachedLabels() {
        return CACHE.size();
    }

    private static Optional<Charset> resolve(String name) {
        String alias = ALIASES.get(name);
        String candidate = alias != null ? alias : name;
        try {
            return Optional.of(Charset.forName(candidate));
        } catch (RuntimeException e) {
            // Misspellings like "iso8859_1" or "utf_8": try with dashes.
            try {
                return Optional.of(Charset.forName(candidate.replace('_', '-')));
            } catch (RuntimeException again) {
                return Optional.empty();
            }
        }
    }

    /** RFC 2152 UTF-7: ASCII with "+base64-" runs of UTF-16. */
    static final class Utf7 {
        private static final String B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

        private Utf7() {
        }

        static String decode(byte[] bytes, int length) {
            StringBuilder out = new StringBuilder(length);
            int i = 0;
            while (i < length) {
                char c = (char) (bytes[i] & 0xff);
                if (c != '+') {
                    out.append(c);
                    i++;
                    continue;
                }
                i++;
                if (i < length && bytes[i] == '-') {
                    out.append('+');
                    i++;
                    continue;
                }
                int bits = 0;
                int acc = 0;
                while (i < length) {
                    int v = B64.indexOf((char) (bytes[i] & 0xff));
                    if (v < 0) {
                        break;
                    }
                    acc = (acc << 6) | v;
                    bits += 6;
                    if (bits >= 16) {
                        bits -= 16;
                        out.append((char) ((acc >> bits) & 0xffff));
                    }
                    i++;
                }
                if (i < length && bytes[i] == '-') {
                    i++;
                }
            }
            return out.toString();
        }
    }
}
