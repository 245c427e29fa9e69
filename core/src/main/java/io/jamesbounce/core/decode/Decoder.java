package io.jamesbounce.core.decode;

import java.util.Optional;

import io.jamesbounce.core.mime.MailMessage;

/**
 * Recognises the reports of one format or mail-server family and reads their recipients. A decoder
 * answers empty for mail it does not recognise; it never throws on ugly input.
 */
public interface Decoder {
    /** A short stable name, shown by {@code classify --explain} and stored with every record. */
    String name();

    Optional<Decoded> decode(MailMessage message);
}
