package io.jamesbounce.core.verp;

import java.util.Objects;
import java.util.Optional;

import io.jamesbounce.core.text.Addresses;

/**
 * Variable envelope return paths: {@code bounces+user=example.org@bounce.example.com} carries the
 * recipient {@code user@example.org}. The prefix delimiter ({@code +}) and the separator standing
 * for {@code @} ({@code =}) are configurable.
 *
 * <p>With {@code signed}, return paths may carry a {@link SignedVerpScheme} tag,
 * {@code bounces+<tag>+user=example.org@...}: decoding skips the tag and names the recipient; whether
 * the tag verifies is {@link SignedVerpScheme#verify}'s business, not this one's.
 */
public record VerpScheme(String localPrefix, char delimiter, char separator, boolean signed) {
    public static final VerpScheme DEFAULT = new VerpScheme("bounces", '+', '=');

    public VerpScheme {
        Objects.requireNonNull(localPrefix, "localPrefix");
        if (delimiter == separator) {
            throw new IllegalArgumentException("delimiter and separator must differ");
        }
    }

    public VerpScheme(String localPrefix, char delimiter, char separator) {
        this(localPrefix, delimiter, separator, false);
    }

    /** The same shape, its return paths signed. */
    public VerpScheme withSignatures() {
        return new VerpScheme(localPrefix, delimiter, separator, true);
    }

    /** The recipient a return-path address encodes, when it is one of ours. */
    public Optional<String> decode(String address) {
        String a = Addresses.normalise(address);
        int at = a.lastIndexOf('@');
        if (at <= 0) {
            return Optional.empty();
        }
        String local = a.substring(0, at);
        int start = local.indexOf(delimiter);
        if (start < 0 || !local.substring(0, start).equalsIgnoreCase(localPrefix)) {
            return Optional.empty();
        }
        String encoded = local.substring(start + 1);
        if (signed) {
            encoded = SignedVerpScheme.withoutTag(encoded, delimiter);
        }
        int sep = encoded.lastIndexOf(separator);
        if (sep <= 0 || sep == encoded.length() - 1) {
            return Optional.empty();
        }
        String candidate = encoded.substring(0, sep) + "@" + encoded.substring(sep + 1);
        return Addresses.looksLikeAddress(candidate) ? Optional.of(Addresses.normalise(candidate)) : Optional.empty();
    }

    /** The return path that encodes a recipient for a bounce domain. */
    public String encode(String recipient, String bounceDomain) {
        String r = Addresses.normalise(recipient);
        int at = r.lastIndexOf('@');
        if (at <= 0) {
            throw new IllegalArgumentException("not an address: " + recipient);
        }
        return localPrefix + delimiter + r.substring(0, at) + separator + r.substring(at + 1) + "@" + bounceDomain;
    }
}
