package io.jamesbounce.core.decode;

import java.util.Locale;
import java.util.Optional;

import io.jamesbounce.core.text.Addresses;

/**
 * Addresses as Exchange writes them in its notices when it routed a message through its own
 * address spaces: {@code IMCEASMTP-tom+2Ebaker+40example+2Enet@corp.example.com} (an SMTP address
 * encapsulated, '+' then two hex digits for each special character), the {@code smtp=} routing prefix, and {@code IMCEAEX-} (an X.500 name, no SMTP address at all).
 */
public final class ExchangeAddresses {
    private static final String SMTP_PREFIX = "smtp=";
    private ExchangeAddresses() {
    }

    /** The SMTP address a found address stands for; empty when it names none (IMCEAEX). */
    static Optional<Addresses.Found> unwrap(Addresses.Found found) {
        String a = found.address();
        String lower = a.toLowerCase(Locale.ROOT);
        if (lower.startsWith("imceaex-")) {
            return Optional.empty();
        }
        if (lower.startsWith("imceasmtp-")) {
            int at = a.lastIndexOf('@');
            return decoded(a.substring("imceasmtp-".length(), at)).filter(Addresses::looksLikeAddress)
                .map(d -> new Addresses.Found(Addresses.normalise(d), found.start(), found.end()));
        }
        // "SMTP:" ends before the scanner's local part; "smtp=" is read as part of it
        if (lower.startsWith(SMTP_PREFIX) && Addresses.looksLikeAddress(a.substring(SMTP_PREFIX.length()))) {
            return Optional.of(new Addresses.Found(a.substring(SMTP_PREFIX.length()), found.start() + SMTP_PREFIX.length(), found.end()));
        }
        return Optional.of(found);
    }

    /** The SMTP address an address of any report stands for: itself, unless Exchange encapsulated it. */
    public static String smtpAddress(String address) {
        String lower = address.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("imceasmtp-") && !lower.startsWith(SMTP_PREFIX)) {
            return address;
        }
        return unwrap(new Addresses.Found(address, -1, -1)).map(Addresses.Found::address).orElse(address);
    }

    /** "+40" as '@', "+2E" as '.': Exchange's encapsulation of the characters an X.400 name cannot hold. */
    private static Optional<String> decoded(String encoded) {
        StringBuilder sb = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+' && i + 2 < encoded.length()) {
                int high = hex(encoded.charAt(i + 1));
                int low = hex(encoded.charAt(i + 2));
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                sb.append((char) (high * 16 + low));
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return Optional.of(sb.toString());
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
