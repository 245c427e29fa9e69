package io.jamesbounce.core.decode.family;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.jamesbounce.core.decode.Decoded;
import io.jamesbounce.core.decode.Decoder;
import io.jamesbounce.core.decode.Rfc3464Decoder;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.mime.MimePart;

/**
 * A mail gateway's notice that carries the real delivery report as an attachment: a content
 * scanner in front of the mail server (Trend Micro's and the like) relays the server's
 * multipart/report inside its own "Mail Delivery Subsystem" message, with a headline and no
 * delivery-status of its own. The attached report is read as if it had arrived by itself.
 */
public final class WrappedReportDecoder implements Decoder {
    private final Rfc3464Decoder dsn = new Rfc3464Decoder();

    @Override
    public String name() {
        return "wrapped-report";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        if (!message.root().isMultipart() || !FamilyNotices.fromMailerDaemon(message)
            || message.reportPart("message/delivery-status").isPresent()) {
            return Optional.empty();
        }
        Optional<MimePart> attached = message.attachedMessage();
        if (attached.isEmpty() || !attached.get().mimeType().equals("multipart/report")
            || attached.get().children().stream().noneMatch(p -> p.mimeType().equals("message/delivery-status"))) {
            return Optional.empty();
        }
        int depth = attached.get().depth();
        return dsn.decode(new MailMessage(lifted(attached.get(), depth)))
            .filter(d -> !d.recipients().isEmpty());
    }

    /** The part as the root of a message of its own: every depth lowered by the wrapper's. */
    private static MimePart lifted(MimePart part, int by) {
        List<MimePart> children = new ArrayList<>(part.children().size());
        for (MimePart child : part.children()) {
            children.add(lifted(child, by));
        }
        return new MimePart(part.headers(), part.mimeType(), part.charset(), part.text(), part.truncated(), children,
            Math.max(0, part.depth() - by));
    }
}
