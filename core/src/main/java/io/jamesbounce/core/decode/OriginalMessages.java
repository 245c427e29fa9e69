package io.jamesbounce.core.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jamesbounce.core.mime.Headers;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.mime.MimePart;
import io.jamesbounce.core.model.OriginalMessage;
import io.jamesbounce.core.text.Addresses;
import io.jamesbounce.core.text.AnchoredAlternation;
import io.jamesbounce.core.text.Lines;

/** Finds the message a report is about: attached, attached as headers only, or quoted inline. */
public final class OriginalMessages {
    // A quoted header block starts with one of these at the start of a line and is followed by more header lines.
    private static final AnchoredAlternation INLINE_START = AnchoredAlternation.of(Pattern.compile(
        "(?im)^(Return-Path|Received|Message-I[Dd]|From|Date|Subject|To|MIME-Version|Content-Type|X-[A-Za-z0-9-]+|DKIM-Signature|Delivered-To)\\s?:"));

    private static final int MAX_CANDIDATES = 64;
    private static final int MAX_BLOCK = 64 * 1024;

    private static final MailMessage.Derived<Optional<Headers>> HEADERS = new MailMessage.Derived<>(OriginalMessages::findHeaders);
    private static final MailMessage.Derived<Optional<OriginalMessage>> ORIGINAL = new MailMessage.Derived<>(
        m -> headersOf(m).map(OriginalMessages::toOriginal).filter(o -> !o.isEmpty()));

    private OriginalMessages() {
    }

    /** The returned message's header, computed once per message: the decoders and the analyzer each ask. */
    public static Optional<Headers> headersOf(MailMessage message) {
        return message.derived(HEADERS);
    }

    private static Optional<Headers> findHeaders(MailMessage message) {
        for (MimePart p : message.parts()) {
            if (p.depth() != 0) {
                continue;
            }
            if (p.isAttachedMessage() && !p.children().isEmpty() && !p.children().get(0).headers().isEmpty()) {
                return Optional.of(p.children().get(0).headers());
            }
            if (p.isAttachedMessage() && !p.text().isBlank()) {
                return Optional.of(Headers.parseWhole(p.text())).filter(h -> !h.isEmpty());
            }
            if (p.mimeType().equals("text/rfc822-headers") || p.mimeType().equals("message/rfc822-headers")
                || p.mimeType().equals("message/global-headers")) {
                return Optional.of(Headers.parseWhole(p.text())).filter(h -> !h.isEmpty());
            }
        }
        return inline(message.allReportText());
    }

    /** A header block quoted in the notice text, as non-MIME bounces do. */
    static Optional<Headers> inline(String text) {
        Matcher m = INLINE_START.pattern().matcher(text);
        int[] lineStarts = Lines.starts(text);
        int tried = 0;
        int from = 0;
        // Bounded: each candidate parses at most one window, only so many candidates are tried (a notice
        // of thousands of header-like lines was quadratic: found fuzzing), and a candidate inside a block
        // already read is skipped: it would read a tail of the same block (64 windows of one 64 KB block
        // of X- lines took 55 ms: found fuzzing).
        while (INLINE_START.findAtLineStart(m, text, lineStarts, from) && tried++ < MAX_CANDIDATES) {
            from = m.end();
            if (m.start() == 0) {
                continue;
            }
            Headers.Block block = Headers.parseBlock(text.substring(m.start(), Math.min(text.length(), m.start() + MAX_BLOCK)));
            Headers h = block.headers();
            if (h.fields().size() >= 2 && (h.has("Message-ID") || h.has("Subject") || h.has("From") && h.has("To"))) {
                return Optional.of(h);
            }
            from = Math.max(from, m.start() + block.end());
        }
        return Optional.empty();
    }

    public static Optional<OriginalMessage> of(MailMessage message) {
        return message.derived(ORIGINAL);
    }

    static OriginalMessage toOriginal(Headers h) {
        List<String> to = new ArrayList<>();
        for (String value : h.all("To")) {
            to.addAll(Addresses.all(MailMessage.decodeWords(value)));
        }
        List<Map.Entry<String, String>> x = new ArrayList<>();
        for (Headers.Field f : h.withPrefix("X-")) {
            x.add(Map.entry(f.name(), f.value()));
        }
        return new OriginalMessage(
            h.first("Message-ID").map(String::trim).filter(s -> !s.isEmpty()),
            h.first("From").map(MailMessage::decodeWords),
            to,
            h.first("Subject").map(MailMessage::decodeWords),
            h.first("Return-Path").flatMap(Addresses::first),
            x);
    }
}
