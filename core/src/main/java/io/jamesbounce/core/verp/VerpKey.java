package io.jamesbounce.core.verp;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

/**
 * One secret that signs return paths, with the one-character id written into each signature so that
 * verification picks its key at once. The secret never appears in {@link #toString()}, logs or errors.
 */
public final class VerpKey {
    /** 128 bits: an HMAC key shorter than this is a configuration mistake. */
    public static final int MIN_SECRET_BYTES = 16;

    private final char id;
    private final byte[] secret;

    public VerpKey(char id, byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        char lower = Character.toLowerCase(id);
        if (Base32.valueOf(lower) < 0) {
            throw new IllegalArgumentException("key id must be one of a-z or 2-7, not '" + id + "'");
        }
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("secret of key '" + lower + "' has " + secret.length
                + " bytes: at least " + MIN_SECRET_BYTES + " needed");
        }
        this.id = lower;
        this.secret = secret.clone();
    }

    /** A key from configuration: the secret in base64 (standard or URL alphabet). */
    public static VerpKey fromBase64(char id, String base64Secret) {
        Objects.requireNonNull(base64Secret, "base64Secret");
        byte[] secret;
        try {
            String s = base64Secret.strip();
            secret = s.indexOf('-') >= 0 || s.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(s) : Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            // the message of the decoder may quote the secret: say only which key
            throw new IllegalArgumentException("secret of key '" + id + "' is not valid base64");
        }
        return new VerpKey(id, secret);
    }

    public char id() {
        return id;
    }

    /** A copy of the secret, for the one place that keeps generated keys on disk. */
    public byte[] secretForStorage() {
        return secret.clone();
    }

    /** A copy: the caller may wipe it. */
    byte[] secret() {
        return secret.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerpKey other && id == other.id && MessageDigest.isEqual(secret, other.secret);
    }

    @Override
    public int hashCode() {
        return Character.hashCode(id);
    }

    @Override
    public String toString() {
        return "VerpKey[id=" + id + ", secret=<redacted " + secret.length + " bytes>]";
    }

    /** RFC 4648 base32 in lower case; decoding folds case, since MTAs may fold the local part's. */
    static final class Base32 {
        static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

        private Base32() {
        }

        static int valueOf(char c) {
            char l = Character.toLowerCase(c);
            if (l >= 'a' && l <= 'z') {
                return l - 'a';
            }
            if (l >= '2' && l <= '7') {
                return 26 + l - '2';
            }
            return -1;
        }

        /** {@code chars} base32 digits of the low bits of {@code value}, most significant first. */
        static String encode(long value, int chars) {
            char[] out = new char[chars];
            for (int i = chars - 1; i >= 0; i--) {
                out[i] = ALPHABET.charAt((int) (value & 31));
                value >>>= 5;
            }
            return new String(out);
        }

        /** The value of base32 digits, or -1 if one is not a digit. */
        static long decode(CharSequence digits) {
            long v = 0;
            for (int i = 0; i < digits.length(); i++) {
                int d = valueOf(digits.charAt(i));
                if (d < 0) {
                    return -1;
                }
                v = (v << 5) | d;
            }
            return v;
        }
    }
}
