package io.jamesbounce.core.decode;

import java.util.List;

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
            new JmrpDecoder(),
            new UnsubscribeRequestDecoder(),
            new Rfc3464Decoder(),
            new GenericNoticeDecoder());
    }
}
