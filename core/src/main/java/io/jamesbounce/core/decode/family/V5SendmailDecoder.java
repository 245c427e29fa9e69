package io.jamesbounce.core.decode.family;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.jamesbounce.core.decode.Codes;
import io.jamesbounce.core.decode.Decoded;
import io.jamesbounce.core.decode.Decoder;
import io.jamesbounce.core.mime.Headers;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.CodeOrigin;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.model.SmtpCommand;
import io.jamesbounce.core.text.Addresses;

/**
 * Sendmail version 5's notices (before delivery-status parts existed): the session transcript,
 * then "----- Unsent message follows -----". In the transcript, "While talking to HOST:" opens a
 * session, "&gt;&gt;&gt; COMMAND" and "&lt;&lt;&lt; reply" quote it, and sendmail's own lines sum up each
 * failure: "554 &lt;address&gt;... reason" for a recipient, "421 host (smtp)... Deferred: ..." for a
 * host that every recipient there shares.
 */
public final class V5SendmailDecoder implements Decoder {
    private static final String TRANSCRIPT = "----- Transcript of session follows -----";
    private static final String UNSENT = "----- Unsent message follows -----";
    private static final String TALKING = "While talking to ";

    @Override
    public String name() {
        return "sendmail-v5";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        String text = message.noticeText();
        int start = text.indexOf(TRANSCRIPT);
        int end = start < 0 ? -1 : text.indexOf(UNSENT, start + TRANSCRIPT.length());
        if (end < 0) {
            return Optional.empty();
        }
        Action action = message.subject().toLowerCase(Locale.ROOT).startsWith("warning") ? Action.DELAYED : Action.FAILED;
        boolean gaveUp = message.subject().toLowerCase(Locale.ROOT).contains("cannot send message for");
        List<DecodedRecipient> recipients = new ArrayList<>();
        List<Summary> hostLines = new ArrayList<>();
        String host = null;
        Optional<SmtpCommand> command = Optional.empty();
        List<String> replies = new ArrayList<>();
        for (String line : FamilyNotices.lines(text.substring(start + TRANSCRIPT.length(), end))) {
            String t = line.strip();
            if (t.startsWith(TALKING)) {
                host = t.endsWith(":") ? t.substring(TALKING.length(), t.length() - 1) : t.substring(TALKING.length());
                command = Optional.empty();
                replies.clear();
            } else if (t.startsWith(">>>")) {
                command = SmtpCommand.find(t);
                replies.clear();
            } else if (t.startsWith("<<<")) {
                replies.add(t.substring(3).strip());
            } else {
                Optional<Summary> summary = Summary.parse(t);
                if (summary.isEmpty()) {
                    continue;
                }
                Summary s = summary.get();
                if (!s.target().contains("@")) {
                    hostLines.add(s);
                    continue;
                }
                String address = Addresses.normalise(s.target());
                if (!Addresses.looksLikeAddress(address) || contains(recipients, address)) {
                    continue;
                }
                // the receiver's own reply, when the session quotes one, says more than sendmail's summary
                String diagnostic = replies.isEmpty() ? s.reason() : FamilyNotices.join(replies);
                DecodedRecipient.Builder b = DecodedRecipient.builder(address).action(action).diagnostic(diagnostic);
                if (!replies.isEmpty()) {
                    command.ifPresent(b::command);
                    if (host != null) {
                        b.remoteMta(host);
                    }
                }
                recipients.add(codes(b, diagnostic, s).build());
                replies.clear();
            }
        }
        // a host line stands for the recipients of the unsent message at that host not listed one by one
        List<String> unsent = unsentRecipients(text.substring(end + UNSENT.length()));
        for (Summary s : hostLines) {
            for (String address : unsent) {
                if (Addresses.domainOf(address).equalsIgnoreCase(s.target()) && !contains(recipients, address)) {
                    DecodedRecipient.Builder b = DecodedRecipient.builder(address).action(action).diagnostic(s.reason());
                    codes(b, s.reason(), s);
                    if (gaveUp && action == Action.FAILED && s.reason().startsWith("Deferred")) {
                        b.hint(Category.EXPIRED, "sendmail.cannot-send-for-days");
                    }
                    recipients.add(b.build());
                }
            }
        }
        return recipients.isEmpty() ? Optional.empty() : Optional.of(Decoded.bounce(recipients, Optional.empty()));
    }

    /** Codes from the diagnostic; sendmail's own code for the line when the diagnostic has none. */
    private static DecodedRecipient.Builder codes(DecodedRecipient.Builder b, String diagnostic, Summary s) {
        Codes.apply(b, Optional.empty(), diagnostic, CodeOrigin.NOTICE_TEXT);
        if (ReplyCode.find(diagnostic).isEmpty()) {
            ReplyCode.parse(s.code()).ifPresent(r -> b.replyCode(r, CodeOrigin.NOTICE_TEXT));
        }
        return b;
    }

    private static boolean contains(List<DecodedRecipient> recipients, String address) {
        return recipients.stream().anyMatch(r -> r.recipient().equalsIgnoreCase(address));
    }

    private static List<String> unsentRecipients(String unsent) {
        StringBuilder head = new StringBuilder();
        for (String line : FamilyNotices.lines(unsent.strip())) {
            if (line.isBlank()) {
                break;
            }
            head.append(line).append('\n');
        }
        Headers headers = Headers.parse(head);
        List<String> out = new ArrayList<>();
        for (String name : List.of("To", "Cc")) {
            for (String value : headers.all(name)) {
                Addresses.all(value).stream().filter(a -> !out.contains(a)).forEach(out::add);
            }
        }
        return out;
    }

    /** One of sendmail's summary lines: "550 &lt;address&gt;... reason" or "421 host (smtp)... reason". */
    private record Summary(String code, String target, String reason) {
        static Optional<Summary> parse(String line) {
            if (line.length() < 8 || line.charAt(3) != ' ' || "245".indexOf(line.charAt(0)) < 0
                || !Character.isDigit(line.charAt(1)) || !Character.isDigit(line.charAt(2))) {
                return Optional.empty();
            }
            int dots = line.indexOf("...", 4);
            if (dots < 0) {
                return Optional.empty();
            }
            String target = line.substring(4, dots).strip();
            int space = target.indexOf(' ');
            if (space > 0) {
                // "host (smtp)": the mailer's name in parentheses follows the host
                target = target.substring(0, space);
            }
            if (target.startsWith("<") && target.endsWith(">")) {
                target = target.substring(1, target.length() - 1);
            }
            return target.isEmpty() ? Optional.empty()
                : Optional.of(new Summary(line.substring(0, 3), target, line.substring(dots + 3).strip()));
        }
    }
}
