package io.jamesbounce.james.mailets;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Who handed us a report, as the domain rates count independent reporters: the client's network,
 * not its address nor anything the report says about itself (its Reporting-MTA is the sender's to
 * write). An IPv4 client counts by its /24, an IPv6 client by its /48: one forger's machines of one
 * network are one reporter.
 */
final class Reporters {
    private Reporters() {
    }

    /** The reporter of a report from {@code remoteAddress} (James' {@code Mail.getRemoteAddr()}); empty when unknown. */
    static String of(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isBlank() || !looksNumeric(remoteAddress)) {
            return "";
        }
        byte[] address;
        try {
            address = InetAddress.getByName(remoteAddress.strip()).getAddress();
        } catch (UnknownHostException | SecurityException e) {
            return "";
        }
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + ".0/24";
        }
        byte[] prefix = Arrays.copyOf(address, 6);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < prefix.length; i += 2) {
            sb.append(Integer.toHexString(((prefix[i] & 0xff) << 8) | (prefix[i + 1] & 0xff))).append(':');
        }
        return sb.append(":/48").toString();
    }

    /** A literal IPv4 or IPv6 address: never a name, which would be looked up in the DNS. */
    private static boolean looksNumeric(String s) {
        String t = s.strip();
        return t.chars().allMatch(c -> c >= '0' && c <= '9' || c == '.') || t.indexOf(':') >= 0
            && t.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.' || c == '[' || c == ']' || c == '%');
    }
}
