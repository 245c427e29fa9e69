package io.jamesbounce.core.decode;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.jamesbounce.core.mime.Headers;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.text.AnchoredAlternation;
import io.jamesbounce.core.text.Lines;

/**
 * Whether a message is a notice from a mail system about mail it could not deliver, read from the
 * signs every such notice carries in some combination: who sent it (a mailer daemon, the null
 * sender), what its subject says, and what its first lines say; in the languages mail servers
 * write them in. Challenge-response requests carry some of the same signs and are told apart.
 */
public final class NoticeSigns {
    /** Subjects of delivery-failure notices and delay warnings, as servers write them. */
    static final Pattern SUBJECT = Pattern.compile(
        "(?i)(undeliver|undelivered|delivery (status notification|failure|failed|has failed|problem|notification|error|report)|"
            + "mail delivery (failed|failure|system|subsystem|error|notification)|returned mail|return(ed)? to sender|failure notice|"
            + "non[- ]?delivery|non[- ]?remis|could not (be )?deliver|delivery error|mail system error|message not delivered|"
            + "mail failed|returning to sender|nicht zustellbar|unzustellbar|unzustellbare|zustellung fehlgeschlagen|"
            + "error sending|failed mail|mail failure|rejected|bounce|warning: could not send|"
            + "delayed mail|delivery delayed|delivery (is )?delayed|unable to deliver|permanent error|mail could not be delivered|"
            + "message delayed|delivery notification|notification d'état de la distribution|échec de (la )?remise|"
            + "non recapitabile|mancato recapito|no (se )?(pudo|puede) (ser )?entregar|imposible entregar|devoluci[oó]n de correo|"
            + "não (foi )?entregue|falha na entrega|onbestelbaar|niet afgeleverd|kan niet worden bezorgd|"
            + "не доставлено|недоставленное|не может быть доставлено|ошибка доставки|"
            + "退信|系统退信|投递失败|未能送达|無法傳遞|無法投遞|退件|配信不能|配信エラー|不達|エラーメール|送信できません|"
            + "メールエラー|エラー通知|配送エラー|送信エラー|배달 실패|전송 실패|반송)");

    /** Senders that are a mail system rather than a person. */
    static final Pattern DAEMON = Pattern.compile(
        "(?i)(mailer[-_ ]?daemon|post[-_.]?master|mail delivery (subsystem|system|service)|mail administrator|mailerdaemon|bounce|"
            + "mail ?system|mail router|mail ?server|system administrator|internet mail delivery|microsoft (outlook|exchange)|"
            + "mail transport|delivery (status|notification|subsystem)|smtp gateway|mail gateway|post ?office|nobody@)");

    /** Words with which the first lines of a notice say that mail was not delivered or is delayed. */
    static final Pattern FAILURE_WORDS = Pattern.compile(
        "(?i)(could not be delivered|couldn't be delivered|could not deliver|wasn't delivered|was not delivered|"
            + "not be delivered|undeliverable|delivery (has )?failed|delivery to the following recipient|permanent (fatal )?error|"
            + "failed permanently|unable to deliver|returned to (the )?sender|did(n't| not) reach|non-delivery|"
            + "has not yet been delivered|delivery (is|has been) delayed|mail delivery failed|message delivery failed|"
            + "following address(es)? failed|recipient address rejected|user unknown|no such user|"
            + "nicht zugestellt|nicht zugestellt werden|konnte nicht zugestellt|n'a pas (pu )?été (remis|distribué)|"
            + "no se (ha )?(pudo|puede) entregar|non è stato (possibile )?recapitat|não (foi|pôde ser) entregue|"
            + "kon niet (worden )?(bezorgd|afgeleverd)|не (может быть|было|удалось) доставлен|не доставлено|"
            + "无法投递|无法送达|未能送达|投递失败|退信|無法傳遞|無法送達|配信できません|送信できませんでした|届きませんでした|"
            + "配信に失敗|전달되지 않았|전송하지 못했)");

    /** The From line of a forwarded notice that a mail system wrote. */
    private static final AnchoredAlternation FORWARDED_DAEMON = AnchoredAlternation.of(Pattern.compile(
        "(?im)^(from):.{0,80}(mailer[-_ ]?daemon|postmaster|mail delivery (subsystem|system))"));

    /** A request to prove the sender is a person before the mail is let through: no bounce. */
    static final Pattern CHALLENGE = Pattern.compile(
        "(?i)(waitlisted|wait-listed|waiting list|verify (that )?you are (a )?(human|real)|confirm (that )?you are (a )?(human|real person)|"
            + "prove (that )?you are (a )?human|please confirm your (e-?mail|message)|sender verification|"
            + "challenge[- ]response|boxbe|spamarrest|spam arrest|mailinblack|one-time verification|"
            + "click (on )?the link below to (confirm|verify|deliver)|approve your message|confirm your message|"
            + "to have your message delivered|your message (is|has been) held (for|pending) (verification|approval))");

    // A header field can be 100 KB long: an alternation tried at every character of one took 20 ms (found fuzzing).
    private static final AnchoredAlternation FAILURE_WORDS_ANCHORED = AnchoredAlternation.of(FAILURE_WORDS);
    private static final AnchoredAlternation SUBJECT_ANCHORED = AnchoredAlternation.of(SUBJECT);
    private static final AnchoredAlternation DAEMON_ANCHORED = AnchoredAlternation.of(DAEMON);
    private static final AnchoredAlternation CHALLENGE_ANCHORED = AnchoredAlternation.of(CHALLENGE);

    /** A list manager's probe of its own subscriber, or its warning that it saw bounces: no failure reported here. */
    private static final Pattern LIST_PROBE = Pattern.compile(
        "(?i)(this is a probe message|messages to you from the \\S{1,80}\\s+mailing\\s+list\\s+seem\\s+to\\s+have\\s+been\\s+bounc(ed|ing))");

    /** A word of each {@link #CHALLENGE} wording, lower case. */
    private static final List<String> CHALLENGE_WORDS = List.of("wait", "verif", "confirm", "prove", "challenge", "boxbe", "spam",
        "mailinblack", "click", "approve", "to have your message", "held");

    /** The notice's first words, before any quoted original: asked for by each sign. */
    private static final MailMessage.Derived<String> LEAD = new MailMessage.Derived<>(NoticeSigns::computeLead);
    private static final MailMessage.Derived<String> LOWER_LEAD = new MailMessage.Derived<>(m -> lead(m).toLowerCase(Locale.ROOT));
    /** The subject lower-cased once per message: the delivery-notice and challenge signs each ask, and it can be 100 KB. */
    private static final MailMessage.Derived<String> LOWER_SUBJECT = new MailMessage.Derived<>(m -> m.subject().toLowerCase(Locale.ROOT));

    /** How much of a notice's text is read for its signs: servers say what happened first. */
    private static final int LEAD_CHARACTERS = 4096;

    private NoticeSigns() {
    }

    /** Whether the message reads as a mail system's notice that mail was not (yet) delivered. */
    public static boolean isDeliveryNotice(MailMessage message) {
        Headers h = message.headers();
        if (h.has("X-Failed-Recipients")) {
            return true;
        }
        if (isChallenge(message) || AutoReplies.hasAutoReplySubject(message)) {
            return false;
        }
        String lead = lead(message);
        String returnPath = h.firstOrEmpty("Return-Path").trim();
        boolean nullSender = returnPath.equals("<>") || DAEMON_ANCHORED.find(returnPath, returnPath.toLowerCase(Locale.ROOT));
        boolean daemon = DAEMON_ANCHORED.find(message.from(), message.from().toLowerCase(Locale.ROOT));
        boolean subject = SUBJECT_ANCHORED.find(message.subject(), message.derived(LOWER_SUBJECT));
        boolean automatic = h.firstOrEmpty("Auto-Submitted").toLowerCase(Locale.ROOT).startsWith("auto-");
        boolean says = FAILURE_WORDS_ANCHORED.find(lead, lowerLead(message));
        // a notice a person forwarded: the mail system's own From line is in the forwarded text
        boolean forwarded = FORWARDED_DAEMON.findAtLineStart(FORWARDED_DAEMON.pattern().matcher(lead), lead, Lines.starts(lead), 0);
        return subject && (daemon || nullSender || message.from().isBlank() || automatic || says || forwarded)
            || daemon && (nullSender || says)
            || nullSender && says;
    }

    /** Whether the message asks its sender to prove being a person before the mail is let through. */
    public static boolean isChallenge(MailMessage message) {
        String lowerSubject = message.derived(LOWER_SUBJECT);
        return mayChallenge(lowerSubject) && CHALLENGE_ANCHORED.find(message.subject(), lowerSubject)
            || mayChallenge(lowerLead(message)) && CHALLENGE_ANCHORED.find(lead(message), lowerLead(message));
    }

    /**
     * Whether the text holds one of the words every {@link #CHALLENGE} wording has: most notices hold
     * none, and a few substring searches cost a fraction of the case-insensitive alternation tried at
     * every character.
     */
    private static boolean mayChallenge(String lower) {
        for (String word : CHALLENGE_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the message is a list manager's probe of, or warning to, its own subscriber (ezmlm's
     * "Messages to you from the x mailing list seem to have been bounced", Mailman's probe): it may
     * quote an old bounce, but it reports no failure of its own.
     */
    public static boolean isListProbe(MailMessage message) {
        // both wordings hold one of these words: the alternation runs only on the notices that do
        String lower = lowerLead(message);
        return (lower.contains("probe message") || lower.contains("mailing")) && LIST_PROBE.matcher(lead(message)).find();
    }

    private static String lead(MailMessage message) {
        return message.derived(LEAD);
    }

    /** The lead lower-cased once per message, for the substring gates of the signs. */
    private static String lowerLead(MailMessage message) {
        return message.derived(LOWER_LEAD);
    }

    private static String computeLead(MailMessage message) {
        String before = NoticeText.ownNotice(message);
        return before.length() > LEAD_CHARACTERS ? before.substring(0, LEAD_CHARACTERS) : before;
    }
}
