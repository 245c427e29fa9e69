package io.jamesbounce.core.verp;

import java.util.Objects;
import java.util.Optional;

import io.jamesbounce.core.text.Addresses;

/**
 * Variable envelope return paths: {@code bounces+user=example.org@bounce.example.com} carries the
 * recipient {@code user@example.org}. The prefix delimiter ({@code +}) and the separator standing
 * for {@code @} ({@code =}) are configurable.
 */
public record VerpScheme(String localPrefix, char delimiter, char separator) {
    public static final VerpScheme DEFAULT = new VerpScheme("bounces", '+', '=');

    public VerpScheme {
        Objects.requireNonNull(localPrefix, "localPrefix");
        if (delimiter == separator) {
            throw new IllegalArgumentException("delimiter and separator must differ");
        }
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
