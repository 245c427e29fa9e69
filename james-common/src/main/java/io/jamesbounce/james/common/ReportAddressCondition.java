package io.jamesbounce.james.common;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;

/**
 * The condition of {@code IsDeliveryStatusReport} and {@code IsFeedbackReport}: which recipients
 * a report must be addressed to, and whether a null reverse-path is required.
 *
 * <pre>
 * condition := item ( "," item )*        (empty: every recipient, any reverse-path)
 * item      := "nullSender"              only mail with the null reverse-path MAIL FROM:&lt;&gt;
 *            | address                   bounces@example.com: exactly this recipient
 *            | prefix "*@" domain        bounces+*@bounce.example.com (VERP), *@bounce.example.com
 * </pre>
 *
 * Addresses and patterns compare case-insensitively. When any address or pattern is given, only
 * those recipients are returned by the matcher; the others continue unmatched.
 */
public final class ReportAddressCondition {
    public static final String NULL_SENDER = "nullSender";

    private final boolean nullSenderOnly;
    private final List<String> addresses;
    private final List<Pattern> patterns;

    private record Pattern(String localPrefix, String domain) {
        boolean matches(String local, String domain) {
            return this.domain.equals(domain) && local.startsWith(localPrefix);
        }
    }

    private ReportAddressCondition(boolean nullSenderOnly, List<String> addresses, List<Pattern> patterns) {
        this.nullSenderOnly = nullSenderOnly;
        this.addresses = List.copyOf(addresses);
        this.patterns = List.copyOf(patterns);
    }

    /** Parses a matcher condition; the message of the exception names the offending item. */
    public static ReportAddressCondition parse(String condition) {
        boolean nullSender = false;
        List<String> addresses = new ArrayList<>();
        List<Pattern> patterns = new ArrayList<>();
        if (condition != null && !condition.isBlank()) {
            for (String raw : condition.split(",", -1)) {
                String item = raw.trim();
                if (item.isEmpty()) {
                    throw new IllegalArgumentException("empty item in condition '" + condition + "'");
                }
                if (item.equalsIgnoreCase(NULL_SENDER)) {
                    nullSender = true;
                    continue;
                }
                int at = item.lastIndexOf('@');
                if (at <= 0 || at == item.length() - 1 || item.indexOf('@') != at || item.contains(" ")) {
                    throw new IllegalArgumentException("'" + item + "' is neither " + NULL_SENDER
                        + ", an address nor a pattern like bounces+*@bounce.example.com");
                }
                String local = item.substring(0, at).toLowerCase(Locale.ROOT);
                String domain = item.substring(at + 1).toLowerCase(Locale.ROOT);
                int star = local.indexOf('*');
                if (star < 0) {
                    addresses.add(local + "@" + domain);
                } else if (star == local.length() - 1 && !domain.contains("*")) {
                    patterns.add(new Pattern(local.substring(0, star), domain));
                } else {
                    throw new IllegalArgumentException("'" + item + "': '*' may only end the local part, as in bounces+*@bounce.example.com");
                }
            }
        }
        return new ReportAddressCondition(nullSender, addresses, patterns);
    }

    public boolean nullSenderOnly() {
        return nullSenderOnly;
    }

    /** Whether recipients are restricted, i.e. the mail was sent to an address reserved for reports. */
    public boolean restrictsRecipients() {
        return !addresses.isEmpty() || !patterns.isEmpty();
    }

    /** The recipients a report must be read for; empty when the mail cannot be one (wrong recipients or sender). */
    public List<MailAddress> candidates(Mail mail) {
        Objects.requireNonNull(mail, "mail");
        if (nullSenderOnly && mail.hasSender()) {
            return List.of();
        }
        Collection<MailAddress> recipients = mail.getRecipients();
        if (!restrictsRecipients()) {
            return List.copyOf(recipients);
        }
        List<MailAddress> selected = new ArrayList<>();
        for (MailAddress recipient : recipients) {
            if (accepts(recipient)) {
                selected.add(recipient);
            }
        }
        return List.copyOf(selected);
    }

    private boolean accepts(MailAddress recipient) {
        String local = recipient.getLocalPart().toLowerCase(Locale.ROOT);
        String domain = recipient.getDomain().asString().toLowerCase(Locale.ROOT);
        if (addresses.contains(local + "@" + domain)) {
            return true;
        }
        return patterns.stream().anyMatch(p -> p.matches(local, domain));
    }
}
