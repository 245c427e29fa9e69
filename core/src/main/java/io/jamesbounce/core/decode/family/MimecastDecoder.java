package io.jamesbounce.core.decode.family;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.jamesbounce.core.decode.Decoded;
import io.jamesbounce.core.decode.Decoder;
import io.jamesbounce.core.mime.MailMessage;
import io.jamesbounce.core.model.Action;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.text.Addresses;

/**
 * Mimecast's "[Postmaster] Email Delivery Failure" alert: each item follows a heading on a line
 * of its own starting with "-- ": the address ("could not be delivered:"), Mimecast's reading of
 * the problem ("The problem appears to be :") and the remote reply ("Additional information
 * follows :"), which is the diagnostic.
 */
public final class MimecastDecoder implements Decoder {
    private static final String ADDRESS_HEADING = "could not be delivered:";
    private static final String PROBLEM_HEADING = "The problem appears to be :";
    private static final String DETAIL_HEADING = "Additional information follows :";

    @Override
    public String name() {
        return "mimecast";
    }

    @Override
    public Optional<Decoded> decode(MailMessage message) {
        if (!message.subject().contains("Email Delivery Failure")) {
            return Optional.empty();
        }
        String text = message.noticeText();
        List<String> addresses = items(text, ADDRESS_HEADING).stream().filter(Addresses::looksLikeAddress).map(Addresses::normalise).toList();
        if (addresses.isEmpty()) {
            return Optional.empty();
        }
        List<String> detail = items(text, DETAIL_HEADING);
        String diagnostic = detail.isEmpty() ? String.join(" ", items(text, PROBLEM_HEADING)) : String.join(" ", detail);
        List<DecodedRecipient> recipients = new ArrayList<>();
        for (String address : addresses) {
            recipients.add(FamilyNotices.recipient(address, Action.FAILED, diagnostic).build());
        }
        return Optional.of(Decoded.bounce(recipients, Optional.empty()));
    }

    /** The "-- " items under a heading, each with its unmarked continuation lines joined. */
    private static List<String> items(String text, String heading) {
        int i = text.indexOf(heading);
        List<String> out = new ArrayList<>();
        if (i < 0) {
            return out;
        }
        StringBuilder item = null;
        for (String line : FamilyNotices.lines(text.substring(i + heading.length()))) {
            if (line.isBlank()) {
                if (item != null) {
                    break;
                }
                continue;
            }
            if (line.startsWith("-- ")) {
                if (item != null) {
                    out.add(item.toString());
                }
                item = new StringBuilder(line.substring(3).strip());
            } else if (item != null) {
                item.append(' ').append(line.strip());
            } else {
                break;
            }
        }
        if (item != null) {
            out.add(item.toString());
        }
        return out;
    }
}
