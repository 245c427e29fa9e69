package io.jamesbounce.core.decode;

import java.util.Locale;
import java.util.regex.Pattern;

import io.jamesbounce.core.mime.Headers;
import io.jamesbounce.core.mime.MailMessage;

/** Auto-replies (RFC 3834, vacation and out-of-office notices) and read receipts (RFC 8098): not bounces. */
public final class AutoReplies {
    // anchored at the start: looked for at the start only (find() tried every character of a 100 KB subject)
    private static final Pattern SUBJECT = Pattern.compile(
        "(?i)^\\s*(auto(matic)?[ -]?(reply|response|antwort|réponse)|automatische antwort|auto:|autoreply|out of (the )?office|vacation|on vacation|away from|abwesenheit|absence|réponse automatique|respuesta automática|resposta automática|risposta automatica|automatisch antwoord|автоответ|自動応答|自动回复|不在)");

    /**
     * How an absence note opens, when its subject is only "Re: ..." and it carries no RFC 3834 field:
     * read in its first lines only, so that a letter that mentions an absence later is not one.
     */
    private static final Pattern ABSENCE = Pattern.compile(
        "(?i)(i am (currently )?(out of (the )?office|away from (the )?office|on (vacation|holiday|leave|annual leave)|"
            + "away (until|from)|out until|travell?ing)|i('m| am| will be) (out|away|on leave|on vacation)|"
            + "thank you for your (e-?mail|message)[.,!]? i am|automatic reply|auto-?reply|"
            + "ich bin (bis|vom|ab|derzeit|zur zeit|zurzeit) .{0,40}(nicht im büro|abwesend|im urlaub)|abwesenheitsnotiz|"
            + "je suis (absent|absente|en congé|en vacances)|estar[ée] (fuera de la oficina|ausente|de vacaciones)|"
            + "estoy (fuera de la oficina|de vacaciones|ausente)|sono (fuori ufficio|assente|in ferie)|"
            + "estou (fora do escritório|de férias|ausente)|ik ben (afwezig|op vakantie|niet op kantoor)|"
            + "不在にしております|不在です|休暇中|我正在休假|我目前不在)");
    private static final int ABSENCE_LEAD = 600;

    private AutoReplies() {
    }

    /** Whether the text opens as an absence note does (see {@link #ABSENCE}). */
    static boolean opensAsAbsenceNote(String text) {
        String lead = text.strip();
        return ABSENCE.matcher(lead.length() > ABSENCE_LEAD ? lead.substring(0, ABSENCE_LEAD) : lead).find();
    }

    public static boolean isReadReceipt(MailMessage message) {
        return message.firstPart(p -> p.depth() == 0 && p.mimeType().equals("message/disposition-notification")).isPresent();
    }

    /** Whether the subject opens as an auto-reply's does ("Automatic reply: Undeliverable: ..." is a vacation reply to a bounce). */
    public static boolean hasAutoReplySubject(MailMessage message) {
        return SUBJECT.matcher(message.subject()).lookingAt();
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
        return SUBJECT.matcher(message.subject()).lookingAt()
            // no field says so and the subject is "Re: ...": the note's own first words do
            || opensAsAbsenceNote(message.noticeText());
    }
}
