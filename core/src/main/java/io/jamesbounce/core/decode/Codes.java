package io.jamesbounce.core.decode;

import java.util.Optional;

import io.jamesbounce.core.model.CodeOrigin;
import io.jamesbounce.core.model.DecodedRecipient;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.model.SmtpCommand;

/** Shared rules for picking the reply code and enhanced status of a recipient from what a report says. */
public final class Codes {
    private Codes() {
    }

    /**
     * Sets status and reply code from a status field (may be empty) and free diagnostic text. The
     * code the receiver wrote after its reply code comes first, then the status field, then any
     * code in the text; a generic field status (X.0.0) gives way to a specific code in the text.
     */
    public static DecodedRecipient.Builder apply(DecodedRecipient.Builder b, Optional<EnhancedStatus> field,
                                                 String diagnostic, CodeOrigin textOrigin) {
        Optional<EnhancedStatus> receivers = EnhancedStatus.findAfterReplyCode(diagnostic).filter(s -> !s.isGeneric());
        Optional<EnhancedStatus> inText = EnhancedStatus.find(diagnostic);
        if (receivers.isPresent() && !receivers.equals(field)) {
            b.status(receivers.get(), textOrigin);
        } else if (field.isPresent() && !(field.get().isGeneric() && inText.filter(s -> !s.isGeneric()).isPresent())) {
            b.status(field.get(), CodeOrigin.STATUS_FIELD);
        } else if (inText.isPresent()) {
            b.status(inText.get(), textOrigin);
        } else {
            field.ifPresent(s -> b.status(s, CodeOrigin.STATUS_FIELD));
        }
        ReplyCode.find(diagnostic).ifPresent(r -> b.replyCode(r, textOrigin));
        if (!b.hasCommand()) {
            b.command(SmtpCommand.find(diagnostic));
        }
        return b;
    }
}
