package io.jamesbounce.james.mailets;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jamesbounce.ingest.DeliveryFailure;
import io.jamesbounce.ingest.IngestOutcome;
import io.jamesbounce.ingest.ReportIngestion;
import io.jamesbounce.james.common.Mails;

/**
 * In the processor RemoteDelivery sends failed mail to ({@code bounceProcessor}): records each
 * recipient's failure as an event of source {@code SYNCHRONOUS_DELIVERY_FAILURE}, under the same
 * policy as an inbound DSN, the SMTP reply kept verbatim as the diagnostic.
 *
 * <p>Reads the attributes James' {@code Bouncer} sets: {@code delivery-error} (the reply or error
 * text), {@code delivery-error-code} (the SMTP reply code, when there was one) and
 * {@code is-delivery-permanent-error}, and hands them to {@link ReportIngestion}. A temporary failure
 * that outlived RemoteDelivery's retries without a recognisable cause counts as {@code expired}. A mail without these attributes is left
 * untouched. The records are attached as JSON to {@value RecordsJson#RECORDS_NAME}; the mail then
 * continues in the processor (for DSNBounce), or goes to {@code recordedProcessor}.
 *
 * <p>A store failure is thrown as a {@link MessagingException}: James' {@code onMailetException}
 * keeps the mail; reprocessed later, a recipient already recorded is not recorded twice (same report key).
 */
public class RecordDeliveryFailures extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(RecordDeliveryFailures.class);
    public static final AttributeName DELIVERY_ERROR = AttributeName.of("delivery-error");
    public static final AttributeName DELIVERY_ERROR_CODE = AttributeName.of("delivery-error-code");
    public static final AttributeName IS_DELIVERY_PERMANENT_ERROR = AttributeName.of("is-delivery-permanent-error");
    static final String RECORDED_PROCESSOR = "recordedProcessor";

    private final ReportIngestion ingestion;
    private Optional<String> recordedProcessor;

    @Inject
    public RecordDeliveryFailures(ReportIngestion ingestion) {
        this.ingestion = ingestion;
    }

    @Override
    public void init() throws MessagingException {
        recordedProcessor = InitParameters.of(this, RECORDED_PROCESSOR).processor(RECORDED_PROCESSOR);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        DeliveryFailure failure = new DeliveryFailure(mail.getName(), mail.getRecipients().stream().map(MailAddress::asString).toList(),
            value(mail, DELIVERY_ERROR, String.class), value(mail, DELIVERY_ERROR_CODE, Integer.class),
            value(mail, IS_DELIVERY_PERMANENT_ERROR, Boolean.class), Mails.messageId(mail));
        if (failure.isUndescribed()) {
            LOGGER.debug("no RemoteDelivery failure attributes, left as it is: mail={}", mail.getName());
            return;
        }
        IngestOutcome outcome = StoreCalls.keepingTheMail(mail, () -> ingestion.ingest(failure));
        mail.setAttribute(new Attribute(RecordsJson.RECORDS, AttributeValue.of(RecordsJson.of(outcome.recipients()))));
        recordedProcessor.ifPresent(mail::setState);
    }

    private static <T> Optional<T> value(Mail mail, AttributeName name, Class<T> type) {
        return mail.getAttribute(name).map(Attribute::getValue).map(AttributeValue::value)
            .filter(type::isInstance).map(type::cast);
    }

    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        return recordedProcessor.map(ProcessingState::new).map(List::of).orElse(List.of());
    }

    @Override
    public String getMailetInfo() {
        return "Records RemoteDelivery failures in the suppression store";
    }
}
