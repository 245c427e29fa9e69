package io.jamesbounce.core.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import io.jamesbounce.core.model.BounceRecord;
import io.jamesbounce.core.model.Report;
import io.jamesbounce.core.model.ReportKind;
import io.jamesbounce.core.text.Addresses;
import io.jamesbounce.core.verp.VerpVerification;

/**
 * Decides, per record, whether a report may act on the suppression list. Pure: the report, how it
 * arrived, and the settings (the VERP scheme brings its own clock).
 *
 * <p>A bounce (any kind but feedback):
 * <ol>
 *   <li>came back to a return path signed for recipient R: records for R are trusted, records for any
 *       other recipient are not (a forger who got one signed address cannot name another);</li>
 *   <li>an expired or invalid signature: untrusted;</li>
 *   <li>no signature of ours: with a sent-message log, trusted only if the report's original
 *       Message-ID is one we sent to that very recipient; else, if signatures are configured,
 *       untrusted; else unchecked.</li>
 * </ol>
 * A feedback report: trusted from a configured feedback loop our server authenticated (see
 * {@link FeedbackLoopSources}), or, like an unsigned bounce, when the complaint is about a message we sent
 * to that very recipient; otherwise untrusted once any check is configured (signatures, the sent-message
 * log or feedback loops), unchecked when none is.
 */
public final class TrustEvaluator {
    private final TrustSettings settings;

    public TrustEvaluator(TrustSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The most recipients one report may act on; also the most untrusted records of one report worth keeping. */
    public int maxRecipientsPerReport() {
        return settings.maxRecipientsPerReport();
    }

    /**
     * The records of one report worth storing: every trusted one (at most {@link #maxRecipientsPerReport}
     * by construction) and the first {@code maxRecipientsPerReport} untrusted ones. An untrusted record
     * acts on nobody; a report naming thousands (a list's notice, or a forgery) needs a few as evidence,
     * not thousands of rows.
     */
    public List<TrustedRecord> worthStoring(List<TrustedRecord> records) {
        int untrusted = 0;
        List<TrustedRecord> kept = new ArrayList<>(Math.min(records.size(), 2 * settings.maxRecipientsPerReport()));
        for (TrustedRecord r : records) {
            if (r.trust().trusted() || untrusted++ < settings.maxRecipientsPerReport()) {
                kept.add(r);
            }
        }
        return kept.size() == records.size() ? records : List.copyOf(kept);
    }

    public List<TrustedRecord> evaluate(Report report, Arrival arrival) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(arrival, "arrival");
        List<TrustedRecord> out = new ArrayList<>(report.records().size());
        if (report.kind() == ReportKind.FEEDBACK) {
            Optional<Trust> source = feedbackSource(arrival);
            report.records().forEach(r -> out.add(new TrustedRecord(r, source.orElseGet(() -> feedbackWithoutSource(r)))));
            return capped(out);
        }
        VerpVerification verification = settings.verp().map(v -> v.verify(arrival.envelopeRecipient()))
            .orElse(new VerpVerification.NotOurs());
        for (BounceRecord r : report.records()) {
            out.add(new TrustedRecord(r, bounceTrust(r, verification)));
        }
        return capped(out);
    }

    /**
     * One report acts on at most {@link TrustSettings#maxRecipientsPerReport} recipients: past that,
     * every record it would have trusted is recorded only. A signed return path vouches for one
     * recipient, a feedback report names one: only unchecked trust or a Message-ID we sent can reach
     * the cap, and a forger who holds one such id must not suppress a whole list with it.
     */
    private List<TrustedRecord> capped(List<TrustedRecord> records) {
        long trustedRecipients = records.stream().filter(r -> r.trust().trusted())
            .map(r -> normalised(r.record().recipient())).distinct().count();
        if (trustedRecipients <= settings.maxRecipientsPerReport()) {
            return List.copyOf(records);
        }
        Trust.Untrusted capped = new Trust.Untrusted(Trust.Reason.TOO_MANY_RECIPIENTS, "the report names " + trustedRecipients
            + " recipients; one report acts on at most " + settings.maxRecipientsPerReport());
        return records.stream().map(r -> r.trust().trusted() ? new TrustedRecord(r.record(), capped) : r).toList();
    }

    private Trust bounceTrust(BounceRecord record, VerpVerification verification) {
        return switch (verification) {
            case VerpVerification.Valid v -> sameAddress(v.recipient(), record.recipient())
                ? new Trust.Trusted(Trust.Basis.VERP_SIGNATURE)
                : new Trust.Untrusted(Trust.Reason.RECIPIENT_NOT_SIGNED,
                    "the return path is signed for " + v.recipient() + ", not for " + shown(record.recipient()));
            case VerpVerification.Expired e -> new Trust.Untrusted(Trust.Reason.SIGNATURE_EXPIRED,
                "the return path's signature expired on " + e.expiredOn());
            case VerpVerification.Tampered t -> new Trust.Untrusted(Trust.Reason.SIGNATURE_INVALID,
                "the return path's signature is invalid: " + t.reason());
            case VerpVerification.Unsigned u -> unsigned(record);
            case VerpVerification.NotOurs n -> unsigned(record);
        };
    }

    private Trust unsigned(BounceRecord record) {
        if (settings.sent().isPresent()) {
            Optional<String> id = record.originalMessageId().filter(s -> !s.isBlank());
            if (sentTo(record)) {
                return new Trust.Trusted(Trust.Basis.SENT_MESSAGE_ID);
            }
            return new Trust.Untrusted(Trust.Reason.UNKNOWN_MESSAGE, id.map(i -> "message " + i + " was not sent by us recently to "
                    + shown(record.recipient()))
                .orElse("the report names no original Message-ID and its return path is not signed"));
        }
        if (settings.verp().isPresent()) {
            return new Trust.Untrusted(Trust.Reason.UNSIGNED_RETURN_PATH, "the return path carries no signature of ours");
        }
        return new Trust.Trusted(Trust.Basis.UNCHECKED);
    }

    /** Trusted when a configured feedback loop, authenticated by our server, sent the report. */
    private Optional<Trust> feedbackSource(Arrival arrival) {
        FeedbackLoopSources sources = settings.feedback();
        if (!sources.configured()) {
            return Optional.empty();
        }
        if (!arrival.authenticationResults().isEmpty() && !sources.domains().isEmpty()) {
            // only the topmost field: the one our receiving server added on arrival
            AuthenticationResults ours = AuthenticationResults.parse(arrival.authenticationResults().get(0));
            if (ours.authservId().equalsIgnoreCase(sources.authservId())) {
                for (AuthenticationResults.Result r : ours.results()) {
                    if (!r.result().equals("pass")) {
                        continue;
                    }
                    Optional<String> domain = switch (r.method()) {
                        case "dkim" -> Optional.ofNullable(r.properties().get("header.d"));
                        case "spf" -> Optional.ofNullable(r.properties().get("smtp.mailfrom")).map(FeedbackLoopSources::domainOf);
                        default -> Optional.empty();
                    };
                    if (domain.filter(sources::coversDomain).isPresent()) {
                        return Optional.of(new Trust.Trusted(Trust.Basis.FEEDBACK_LOOP_SOURCE));
                    }
                }
            }
        }
        for (Optional<String> address : List.of(arrival.envelopeSender(), arrival.from())) {
            if (address.map(TrustEvaluator::normalised).filter(sources.addresses()::contains).isPresent()) {
                return Optional.of(new Trust.Trusted(Trust.Basis.FEEDBACK_LOOP_SOURCE));
            }
        }
        return Optional.empty();
    }

    /**
     * A complaint from no authenticated loop: as shipped (signatures on, no loop configured) a forged
     * ARF to the feedback address must not suppress anyone, but a complaint quoting a message we sent
     * to that very recipient is about our mail to them, whoever relays it.
     */
    private Trust feedbackWithoutSource(BounceRecord record) {
        if (sentTo(record)) {
            return new Trust.Trusted(Trust.Basis.SENT_MESSAGE_ID);
        }
        FeedbackLoopSources sources = settings.feedback();
        if (sources.configured()) {
            return new Trust.Untrusted(Trust.Reason.UNKNOWN_FEEDBACK_SOURCE,
                "the feedback report is not from a configured feedback loop authenticated by " + sources.authservId()
                    + (settings.sent().isPresent() ? ", nor about a message we sent to " + shown(record.recipient()) : ""));
        }
        if (settings.verp().isPresent() || settings.sent().isPresent()) {
            return new Trust.Untrusted(Trust.Reason.UNKNOWN_FEEDBACK_SOURCE,
                "no feedback loop is configured (trust.feedback.*) and the complaint is not about a message we sent to "
                    + shown(record.recipient()));
        }
        return new Trust.Trusted(Trust.Basis.UNCHECKED);
    }

    /** The record's original Message-ID is one we sent to its very recipient (false without a sent-message log). */
    private boolean sentTo(BounceRecord record) {
        Optional<String> id = record.originalMessageId().filter(s -> !s.isBlank());
        return id.isPresent() && !record.recipient().isEmpty()
            && settings.sent().filter(sent -> sent.mightContain(id.get(), record.recipient())).isPresent();
    }

    private static boolean sameAddress(String signed, String recipient) {
        return !recipient.isEmpty() && normalised(recipient).equals(signed.toLowerCase(Locale.ROOT));
    }

    /**
     * Lower-cased and normalised; as written when normalising fails (the JDK's IDN conversion throws a
     * bare RuntimeException on a domain of over 1000 characters, which reports may carry).
     */
    private static String normalised(String address) {
        try {
            return Addresses.normalise(address).toLowerCase(Locale.ROOT);
        } catch (RuntimeException e) {
            return address.strip().toLowerCase(Locale.ROOT);
        }
    }

    private static String shown(String recipient) {
        return recipient.isEmpty() ? "a redacted recipient" : recipient;
    }
}
