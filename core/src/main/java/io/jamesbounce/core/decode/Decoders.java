package io.jamesbounce.core.decode;

import java.util.List;

import io.jamesbounce.core.decode.family.AmazonSesDecoder;
import io.jamesbounce.core.decode.family.AmazonWorkMailDecoder;
import io.jamesbounce.core.decode.family.ApacheJamesDecoder;
import io.jamesbounce.core.decode.family.BiglobeDecoder;
import io.jamesbounce.core.decode.family.DominoDecoder;
import io.jamesbounce.core.decode.family.DragonFlyDecoder;
import io.jamesbounce.core.decode.family.EinsUndEinsDecoder;
import io.jamesbounce.core.decode.family.ExchangeLegacyDecoder;
import io.jamesbounce.core.decode.family.ExchangeNdrDecoder;
import io.jamesbounce.core.decode.family.EximDecoder;
import io.jamesbounce.core.decode.family.EzwebDecoder;
import io.jamesbounce.core.decode.family.FmlDecoder;
import io.jamesbounce.core.decode.family.GmailDecoder;
import io.jamesbounce.core.decode.family.GoogleGroupsDecoder;
import io.jamesbounce.core.decode.family.IMailServerDecoder;
import io.jamesbounce.core.decode.family.InterScanDecoder;
import io.jamesbounce.core.decode.family.KddiDecoder;
import io.jamesbounce.core.decode.family.MFilterDecoder;
import io.jamesbounce.core.decode.family.MailMarshalDecoder;
import io.jamesbounce.core.decode.family.MessagingServerDecoder;
import io.jamesbounce.core.decode.family.MimecastDecoder;
import io.jamesbounce.core.decode.family.MxLogicDecoder;
import io.jamesbounce.core.decode.family.OpenSmtpdDecoder;
import io.jamesbounce.core.decode.family.QmailDecoder;
import io.jamesbounce.core.decode.family.SendmailDecoder;
import io.jamesbounce.core.decode.family.SmailDecoder;
import io.jamesbounce.core.decode.family.V5SendmailDecoder;
import io.jamesbounce.core.decode.family.VerizonDecoder;
import io.jamesbounce.core.decode.family.WrappedReportDecoder;
import io.jamesbounce.core.decode.family.X1Decoder;
import io.jamesbounce.core.decode.family.X3Decoder;
import io.jamesbounce.core.decode.family.YahooDecoder;
import io.jamesbounce.core.decode.family.ZohoDecoder;

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
            // feedback reports
            new ArfDecoder(),
            new JmrpDecoder(),
            new UnsubscribeRequestDecoder(),
            // families whose own text or format is better than the standard part they attach
            new AmazonSesDecoder(),
            new MessagingServerDecoder(),
            new OpenSmtpdDecoder(),
            new Rfc3464Decoder(),
            // a gateway's notice with the server's report attached
            new WrappedReportDecoder(),
            // families that write non-standard notices
            new FmlDecoder(),
            new ApacheJamesDecoder(),
            new ExchangeNdrDecoder(),
            new ExchangeLegacyDecoder(),
            new DominoDecoder(),
            new IMailServerDecoder(),
            new InterScanDecoder(),
            new MailMarshalDecoder(),
            new MxLogicDecoder(),
            new MFilterDecoder(),
            new MimecastDecoder(),
            new VerizonDecoder(),
            new AmazonWorkMailDecoder(),
            new GoogleGroupsDecoder(),
            new GmailDecoder(),
            new YahooDecoder(),
            new ZohoDecoder(),
            new EzwebDecoder(),
            new KddiDecoder(),
            new BiglobeDecoder(),
            new EinsUndEinsDecoder(),
            new DragonFlyDecoder(),
            new EximDecoder(),
            new QmailDecoder(),
            new SendmailDecoder(),
            new X1Decoder(),
            new X3Decoder(),
            new V5SendmailDecoder(),
            new SmailDecoder(),
            // any other notice from a mail system
            new GenericNoticeDecoder(),
            // an auto-reply from a retired mailbox
            new RetiredMailboxReplyDecoder());
    }

    /**
     * The readers of standard formats and the generic notice reader, with every family decoder left
     * out: how well the engine reads mail from servers it has no decoder for.
     */
    public static List<Decoder> genericOnly() {
        return List.of(
            new ArfDecoder(),
            new Rfc3464Decoder(),
            new GenericNoticeDecoder());
    }
}
