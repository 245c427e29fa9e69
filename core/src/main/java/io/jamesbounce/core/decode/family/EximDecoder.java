package io.jamesbounce.core.decode.family;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jamesbounce.core.decode.Codes;
import io.jamesbounce.core.decode.Decoded;
import io.jamesbounce.core.decode.Decoder;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.CodeOrigin;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.SmtpCommand;
import io.jamesbounce.core.text.Addresses;

/**
 * Exim's plain-text notices ("The following address(es) failed:" and the delay warning "The
 * address(es) to which the message has not yet been delivered ..."). Each address stands on a
 * line indented by two blanks; what went wrong follows indented by four.
 */
public final class EximDecoder implements Decoder {
    private static final String FAILED_MARKER = "address(es) failed:";
    private static final String[] DELAY_MARKERS = {"not yet been delivered is:", "not yet been delivered are:"};
    private static final String GENERATED_TEXT = "The following text was generated during the delivery attempt";
    private static final Pattern HOST = Pattern.compile("\\bhost (\\S+) \\[[^\\]\\s]*\\]:?\\s*");
    private static final Pattern SMTP_ERROR = Pattern.compile("SMTP error from remote (?:mail server|mailer) after ([^:<]+)");
    private static final Pattern REPLY_START = Pattern.compile(":\\s+(?=[245]\\d\\d[\\s-])");
    private static final Pattern GENERATED_BY = Pattern.compile("^\\(?(?:ultimately )?generated (?:from|by) (\\S+?)\\)?$");

    @Override
    public String name() {
        return "exim";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        String text = message.noticeText();
        boolean failed = text.contains(FAILED_MARKER);
        boolean delayed = !failed && (text.contains(DELAY_MARKERS[0]) || text.contains(DELAY_MARKERS[1]));
        if (!failed && !delayed) {
            return Optional.empty();
        }
        List<String> lines = FamilyNotices.lines(text);
        int marker = FamilyNotices.indexOfLine(lines, 0, failed ? FAILED_MARKER : delayed(lines));
        List<Item> items = items(lines, marker + 1);
        if (items.isEmpty()) {
            return Optional.empty();
        }
        attachGeneratedText(lines, items);
        List<String> headerRecipients = FamilyNotices.failedRecipientsHeader(message.headers());
        List<DecodedRecipient> recipients = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            Optional<String> address = address(item, i, items.size(), headerRecipients);
            if (address.isEmpty() || recipients.stream().anyMatch(r -> r.recipient().equalsIgnoreCase(address.get()))) {
                continue;
            }
            recipients.add(recipient(address.get(), item, failed ? Action.FAILED : Action.DELAYED));
        }
        return recipients.isEmpty() ? Optional.empty() : Optional.of(Decoded.bounce(recipients, Optional.empty()));
    }

    private static String delayed(List<String> lines) {
        return FamilyNotices.indexOfLine(lines, 0, DELAY_MARKERS[0]) >= 0 ? DELAY_MARKERS[0] : DELAY_MARKERS[1];
    }

    /** One address of the list: its own line and the indented lines below it. */
    private record Item(String head, List<String> details, List<String> generated) {
        Item(String head) {
            this(head, new ArrayList<>(), new ArrayList<>());
        }
    }

    private static List<Item> items(List<String> lines, int start) {
        List<Item> items = new ArrayList<>();
        Item current = null;
        for (int i = start; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                // skipped in one step: looking ahead from every line of a long blank run was quadratic
                int next = nextNonBlank(lines, i + 1);
                if (current != null && (next < 0 || FamilyNotices.indent(lines.get(next)) < 2)) {
                    break;
                }
                i = (next < 0 ? lines.size() : next) - 1;
                continue;
            }
            int indent = FamilyNotices.indent(line);
            if (indent == 0) {
                break;
            }
            String t = line.strip();
            if (indent < 4 && !t.startsWith("host ")) {
                current = new Item(t);
                items.add(current);
            } else if (current != null) {
                current.details().add(t);
            }
        }
        return items;
    }

    private static int nextNonBlank(List<String> lines, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A local delivery (pipe, file) that failed has its program's output in a later section headed
     * "------ pipe to |... ------": that output is the diagnostic.
     */
    private static void attachGeneratedText(List<String> lines, List<Item> items) {
        int at = FamilyNotices.indexOfLine(lines, 0, GENERATED_TEXT);
        if (at < 0) {
            return;
        }
        int i = at + 1;
        while (i < lines.size()) {
            String line = lines.get(i).strip();
            if (!line.startsWith("------") || line.startsWith("------ This is a copy")) {
                i++;
                if (line.startsWith("------ This is a copy")) {
                    return;
                }
                continue;
            }
            StringBuilder header = new StringBuilder(line);
            while (!header.toString().endsWith("------") || header.length() < 12) {
                if (++i >= lines.size()) {
                    return;
                }
                header.append(' ').append(lines.get(i).strip());
            }
            List<String> output = new ArrayList<>();
            for (i++; i < lines.size() && lines.get(i).isBlank(); i++) {
                // blank lines between the section header and the program's output
            }
            for (; i < lines.size() && !lines.get(i).isBlank(); i++) {
                output.add(lines.get(i));
            }
            for (Item item : items) {
                if (items.size() == 1 || header.indexOf(item.head()) >= 0) {
                    item.generated().add(FamilyNotices.join(output));
                }
            }
        }
    }

    private static Optional<String> address(Item item, int index, int count, List<String> headerRecipients) {
        String generatedBy = null;
        for (String d : item.details()) {
            Matcher m = GENERATED_BY.matcher(d);
            if (m.matches() && d.contains("generated by") && Addresses.looksLikeAddress(m.group(1))) {
                generatedBy = Addresses.normalise(m.group(1));
            }
        }
        boolean local = isLocalDelivery(item.head());
        if (local && generatedBy != null) {
            return Optional.of(generatedBy);
        }
        Optional<String> inHead = local ? Optional.empty() : Addresses.first(item.head());
        if (inHead.isPresent()) {
            return inHead;
        }
        if (!local) {
            String bare = item.head().replaceAll("[<>:]", "").strip();
            Optional<String> matched = FamilyNotices.byLocalPart(headerRecipients, bare);
            if (matched.isPresent()) {
                return matched;
            }
        }
        if (headerRecipients.size() == count) {
            return Optional.of(headerRecipients.get(index));
        }
        return headerRecipients.stream().findFirst();
    }

    private static boolean isLocalDelivery(String head) {
        return head.startsWith("pipe to") || head.startsWith("save to") || head.startsWith("|") || head.startsWith("/");
    }

    private static DecodedRecipient recipient(String address, Item item, Action action) {
        List<String> diagnosticLines = new ArrayList<>();
        String generated = FamilyNotices.join(item.generated());
        String original = null;
        for (String d : item.details()) {
            Matcher m = GENERATED_BY.matcher(d);
            if (m.matches()) {
                if (d.contains("generated from") && Addresses.looksLikeAddress(m.group(1))) {
                    original = Addresses.normalise(m.group(1));
                }
            } else {
                diagnosticLines.add(d);
            }
        }
        String block = FamilyNotices.join(diagnosticLines);
        if (block.startsWith("Delay reason: ")) {
            block = block.substring("Delay reason: ".length());
        }
        DecodedRecipient.Builder b = DecodedRecipient.builder(address).action(action);
        if (original != null && !original.equalsIgnoreCase(address)) {
            b.originalRecipient(original);
        }
        Matcher host = HOST.matcher(block);
        if (host.find()) {
            b.remoteMta(host.group(1));
            block = (block.substring(0, host.start()) + block.substring(host.end())).strip();
        }
        String stage = "";
        String diagnostic = block;
        Matcher smtp = SMTP_ERROR.matcher(block);
        if (smtp.find()) {
            stage = smtp.group(1).strip().toUpperCase(Locale.ROOT);
            Matcher reply = REPLY_START.matcher(block);
            if (reply.find(smtp.end())) {
                diagnostic = block.substring(reply.end());
            }
        }
        if (diagnostic.isEmpty()) {
            diagnostic = generated;
        }
        b.diagnostic(diagnostic);
        if (!stage.isEmpty()) {
            // "SMTP error from remote mail server after RCPT TO:<...>": the command the receiver refused
            SmtpCommand.find("after " + stage).ifPresent(b::command);
        }
        Codes.apply(b, Optional.empty(), diagnostic, CodeOrigin.NOTICE_TEXT);
        if (action == Action.FAILED) {
            hint(b, item.head(), stage, diagnostic, EnhancedStatus.find(diagnostic));
        }
        return b.build();
    }

    /** Causes Exim states in its own words (its router, transport and retry messages). */
    private static void hint(DecodedRecipient.Builder b, String head, String stage, String diagnostic,
                             Optional<EnhancedStatus> status) {
        String lower = diagnostic.toLowerCase(Locale.ROOT);
        if (stage.isEmpty() && lower.startsWith("mailbox is full")) {
            b.hint(Category.MAILBOX_FULL, "exim.mailbox-full");
        } else if (stage.isEmpty() && (lower.equals("retry timeout exceeded") || lower.startsWith("retry time not reached for any host after a long failure period"))) {
            b.hint(Category.EXPIRED, "exim.retry-timeout");
        } else if (stage.isEmpty() && lower.startsWith("all hosts have been failing for a long time")) {
            b.hint(Category.EXPIRED, "exim.hosts-failing");
        } else if (stage.isEmpty() && lower.startsWith("unrouteable address")) {
            b.hint(Category.BAD_DOMAIN, "exim.unrouteable");
        } else if (stage.isEmpty() && lower.contains("the account or domain may not exist")) {
            // cPanel's rewording of Exim's "Unrouteable address"
            b.hint(Category.BAD_DOMAIN, "exim.cpanel-unrouteable");
        } else if (stage.isEmpty() && isLocalDelivery(head) && head.startsWith("pipe to")) {
            b.hint(Category.SYSTEM_ERROR, "exim.pipe-failed");
        } else if (stage.startsWith("MAIL FROM") && status.filter(s -> s.subject() == 1).isPresent()) {
            // the receiver refused the sender's address, not the recipient's: nothing is wrong with the recipient
            b.hint(Category.POLICY, "exim.sender-rejected");
        }
    }
}
