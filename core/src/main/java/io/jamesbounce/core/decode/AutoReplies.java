package io.jamesbounce.core.decode;

import java.util.Locale;
import java.util.regex.Pattern;

import io.jamesbounce.core.mime.Headers;
import io.jamesbounce.core.mime.MailMessage;

/** Auto-replies (RFC 3834, vacation and out-of-office notices) and read receipts (RFC 8098): not bounces. */
public final class AutoReplies {
    private static final Pattern SUBJECT = Pattern.compile(
        "(?i)^\\s*(auto(matic)?[ -]?(reply|response|antwort|réponse)|automatische antwort|auto:|autoreply|out of (the )?office|vacation|on vacation|away from|abwesenheit|absence|réponse automatique|respuesta automática|resposta automática|risposta automatica|automatisch antwoord|автоответ|自動応答|自动回复|不在)");

    private AutoReplies() {
    }

    public static boolean isReadReceipt(MailMessage message) {
        return message.firstPart(p -> p.depth() == 0 && p.mimeType().equals("message/disposition-notification")).isPresent();
    }

    /** Whether the subject opens as an auto-reply's does ("Automatic reply: Undeliverable: ..." is a vacation reply to a bounce). */
    public static boolean hasAutoReplySubject(MailMessage message) {
        return SUBJECT.matcher(message.subject()).find();
    }

    public static boolean isAutoReply(MailMessage message) {
        Headers h = message.headers();
        String autoSubmitted = h.firstOrEmpty("Auto-Submitted").toLowerCase(Locale.ROOT);
        if (autoSubmitted.startsWith("auto-replied")) {
            return true;
        }
        if (h.has("X-Autoreply") || h.has("X-Autorespond") || h.has("X-Autoresponder") || h.has("X-Vacation")) {
            return true;
        }
        String precedence = h.firstOrEmpty("Precedence").toLowerCase(Locale.ROOT);
        if (precedence.contains("auto_reply") || precedence.contains("auto-reply")) {
            return true;
        }
        return SUBJECT.matcher(message.subject()).find();
    }
}
