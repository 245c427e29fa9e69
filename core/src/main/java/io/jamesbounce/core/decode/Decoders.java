package io.jamesbounce.core.decode;

import java.util.List;

import io.jamesbounce.core.decode.family.DragonFlyDecoder;
import io.jamesbounce.core.decode.family.EximDecoder;
import io.jamesbounce.core.decode.family.OpenSmtpdDecoder;
import io.jamesbounce.core.decode.family.QmailDecoder;
import io.jamesbounce.core.decode.family.SendmailDecoder;
import io.jamesbounce.core.decode.family.X1Decoder;
import io.jamesbounce.core.decode.family.X3Decoder;

/**
 * The decoders in the order they are tried. Feedback reports first; then family decoders that know
 * better than a standard part their server writes badly; then the standard DSN; then the other
 * family decoders; the generic notice reader last.
 */
public final class Decoders {
    private Decoders() {
    }

    public static List<Decoder> all() {
        return List.of(
            new ArfDecoder(),
            new OpenSmtpdDecoder(),
            new Rfc3464Decoder(),
            new DragonFlyDecoder(),
            new EximDecoder(),
            new QmailDecoder(),
            new SendmailDecoder(),
            new X1Decoder(),
            new X3Decoder(),
            new GenericNoticeDecoder());
    }
}
