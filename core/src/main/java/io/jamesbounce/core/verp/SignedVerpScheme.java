package io.jamesbounce.core.verp;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.jamesbounce.core.text.Addresses;

/**
 * Return paths that prove the bounce answers mail we sent, in the manner of BATV:
 * {@code bounces+<tag>+user=example.org@bounce.example.com}, where the 12-character tag is
 * <ol>
 *   <li>the key id (1 character),</li>
 *   <li>the expiry day, days since 1970-01-01 modulo 32768 (3 characters, about 89 years before it wraps),</li>
 *   <li>the first 40 bits of HMAC-SHA256(key, {@code "jb1|" + key id + "|" + expiry day + "|" + recipient}) (8 characters),</li>
 * </ol>
 * all in lower-case base32, read back case-insensitively: an MTA that folds the local part's case
 * breaks nothing. The recipient is signed lower-cased for the same reason, so a verified return path
 * gives the recipient in lower case.
 *
 * <p>A forger who does not know the key guesses 40 bits: one chance in 10<sup>12</sup> per forged
 * bounce. Comparison is constant-time. The key is found by its id, so verifying costs one HMAC
 * whatever the number of keys.
 */
public final class SignedVerpScheme {
    /** Tag length: key id, expiry day, MAC. */
    static final int TAG_LENGTH = 1 + 3 + 8;
    private static final int DAY_MODULUS = 1 << 15;
    private static final String MAC_ALGORITHM = "HmacSHA256";
    private static final int MAX_PATH = 512;

    private final String localPrefix;
    private final char delimiter;
    private final char separator;
    private final Set<String> bounceDomains;
    private final VerpKeys keys;
    private final Duration validity;
    private final Clock clock;

    /**
     * @param bounceDomains the domains our return paths use (lower case); empty accepts any domain
     * @param validity      how long after sending a bounce is still accepted: cover the longest queue
     *                      lifetime of the remote servers (five days is common) and late complaints
     */
    public SignedVerpScheme(String localPrefix, char delimiter, char separator, Set<String> bounceDomains, VerpKeys keys,
                            Duration validity, Clock clock) {
        this.localPrefix = Objects.requireNonNull(localPrefix, "localPrefix");
        if (localPrefix.isEmpty()) {
            throw new IllegalArgumentException("localPrefix must not be empty");
        }
        if (delimiter == separator) {
            throw new IllegalArgumentException("delimiter and separator must differ");
        }
        this.delimiter = delimiter;
        this.separator = separator;
        this.bounceDomains = bounceDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.keys = Objects.requireNonNull(keys, "keys");
        this.validity = Objects.requireNonNull(validity, "validity");
        if (validity.isNegative() || validity.isZero() || validity.toDays() >= DAY_MODULUS / 2) {
            throw new IllegalArgumentException("validity must be positive and under " + DAY_MODULUS / 2 + " days: " + validity);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The default shape {@code bounces+<tag>+local=domain@...}, valid 14 days. */
    public static SignedVerpScheme of(Set<String> bounceDomains, VerpKeys keys, Clock clock) {
        return new SignedVerpScheme("bounces", '+', '=', bounceDomains, keys, Duration.ofDays(14), clock);
    }

    /** The same scheme with other keys: what a rotation does. */
    public SignedVerpScheme withKeys(VerpKeys newKeys) {
        return new SignedVerpScheme(localPrefix, delimiter, separator, bounceDomains, newKeys, validity, clock);
    }

    /** The return path for mail to {@code recipient}, signed with the current key, valid from now on. */
    public String sign(String recipient, String bounceDomain) {
        String r = Addresses.normalise(recipient).toLowerCase(Locale.ROOT);
        int at = r.lastIndexOf('@');
        if (at <= 0 || at == r.length() - 1) {
            throw new IllegalArgumentException("not an address: " + recipient);
        }
        long expiry = today() + Math.max(1, validity.toDays());
        VerpKey key = keys.current();
        String tag = key.id() + VerpKey.Base32.encode(Math.floorMod(expiry, DAY_MODULUS), 3) + mac(key, expiry, r);
        return localPrefix + delimiter + tag + delimiter + r.substring(0, at) + separator + r.substring(at + 1) + "@" + bounceDomain;
    }

    /** Checks a return path a bounce came back to; never throws. */
    public VerpVerification verify(String address) {
        // longer than any SMTP path (RFC 5321: 256 octets) is none of ours; and the JDK's IDN conversion,
        // under Addresses.normalise, throws a bare RuntimeException on a domain of over 1000 characters
        if (address == null || address.length() > MAX_PATH) {
            return new VerpVerification.NotOurs();
        }
        String a = Addresses.normalise(address);
        int at = a.lastIndexOf('@');
        if (at <= 0) {
            return new VerpVerification.NotOurs();
        }
        String domain = a.substring(at + 1).toLowerCase(Locale.ROOT);
        String local = a.substring(0, at);
        if (!bounceDomains.isEmpty() && !bounceDomains.contains(domain)) {
            return new VerpVerification.NotOurs();
        }
        int start = local.indexOf(delimiter);
        String prefix = start < 0 ? local : local.substring(0, start);
        if (!prefix.equalsIgnoreCase(localPrefix)) {
            return new VerpVerification.NotOurs();
        }
        if (start < 0) {
            return new VerpVerification.Unsigned(Optional.empty());
        }
        String rest = local.substring(start + 1);
        int tagEnd = rest.indexOf(delimiter);
        if (tagEnd < 0) {
            // a plain VERP address, bounces+user=example.org
            return new VerpVerification.Unsigned(recipientOf(rest));
        }
        String tag = rest.substring(0, tagEnd);
        if (tag.length() != TAG_LENGTH || VerpKey.Base32.decode(tag) < 0) {
            return new VerpVerification.Tampered("malformed signature tag");
        }
        Optional<String> recipient = recipientOf(rest.substring(tagEnd + 1)).map(r -> r.toLowerCase(Locale.ROOT));
        if (recipient.isEmpty()) {
            return new VerpVerification.Tampered("no recipient after the signature tag");
        }
        Optional<VerpKey> key = keys.byId(tag.charAt(0));
        if (key.isEmpty()) {
            return new VerpVerification.Tampered("signed with a key not in force");
        }
        long expiry = fullDay(VerpKey.Base32.decode(tag.substring(1, 4)));
        byte[] expected = mac(key.get(), expiry, recipient.get()).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = tag.substring(4).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, actual)) {
            return new VerpVerification.Tampered("signature does not match");
        }
        LocalDate expires = LocalDate.ofEpochDay(expiry);
        if (today() > expiry) {
            return new VerpVerification.Expired(recipient.get(), expires);
        }
        return new VerpVerification.Valid(recipient.get(), key.get().id(), expires);
    }

    /**
     * What follows the prefix of a return path with its signature tag taken off, when it starts with
     * one; as it is otherwise (an unsigned VERP address).
     */
    static String withoutTag(String afterPrefix, char delimiter) {
        int tagEnd = afterPrefix.indexOf(delimiter);
        if (tagEnd == TAG_LENGTH && VerpKey.Base32.decode(afterPrefix.substring(0, tagEnd)) >= 0) {
            return afterPrefix.substring(tagEnd + 1);
        }
        return afterPrefix;
    }

    /** The plain scheme of the same shape, which reads these return paths without verifying them. */
    public VerpScheme unverified() {
        return new VerpScheme(localPrefix, delimiter, separator, true);
    }

    private Optional<String> recipientOf(String encoded) {
        int sep = encoded.lastIndexOf(separator);
        if (sep <= 0 || sep == encoded.length() - 1) {
            return Optional.empty();
        }
        String candidate = encoded.substring(0, sep) + "@" + encoded.substring(sep + 1);
        return Addresses.looksLikeAddress(candidate) ? Optional.of(Addresses.normalise(candidate)) : Optional.empty();
    }

    private long today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toEpochDay();
    }

    /** The day a 15-bit stamp stands for: the one nearest today. */
    private long fullDay(long stamp) {
        long today = today();
        long diff = Math.floorMod(stamp - today, DAY_MODULUS);
        if (diff >= DAY_MODULUS / 2) {
            diff -= DAY_MODULUS;
        }
        return today + diff;
    }

    private static String mac(VerpKey key, long expiryDay, String recipient) {
        byte[] secret = key.secret();
        try {
            Mac mac = Mac.getInstance(MAC_ALGORITHM);
            mac.init(new SecretKeySpec(secret, MAC_ALGORITHM));
            byte[] digest = mac.doFinal(("jb1|" + key.id() + "|" + expiryDay + "|" + recipient).getBytes(StandardCharsets.UTF_8));
            long first40 = 0;
            for (int i = 0; i < 5; i++) {
                first40 = (first40 << 8) | (digest[i] & 0xff);
            }
            return VerpKey.Base32.encode(first40, 8);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(MAC_ALGORITHM + " unavailable", e);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "SignedVerpScheme[" + localPrefix + delimiter + "<tag>" + delimiter + "local" + separator + "domain@"
            + (bounceDomains.isEmpty() ? "*" : bounceDomains) + ", keys " + keys.current().id()
            + keys.previous().map(p -> "," + p.id()).orElse("") + ", valid " + validity.toDays() + " days]";
    }
}
