package io.jamesbounce.james.mailets;

import java.time.Clock;
import java.util.ArrayList;
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

import io.jamesbounce.core.classify.Classification;
import io.jamesbounce.core.classify.Classifier;
import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.james.Mails;
import io.jamesbounce.store.StoreDataException;

/**
 * In the processor RemoteDelivery sends failed mail to ({@code bounceProcessor}): records each
 * recipient's failure as an event of source {@code SYNCHRONOUS_DELIVERY_FAILURE}, under the same
 * policy as an inbound DSN, the SMTP reply kept verbatim as the diagnostic.
 *
 * <p>Reads the attributes James' {@code Bouncer} sets: {@code delivery-error} (the reply or error
 * text), {@code delivery-error-code} (the SMTP reply code, when there was one) and
 * {@code is-delivery-permanent-error}. A temporary failure that outlived RemoteDelivery's retries
 * without a recognisable cause counts as {@code expired}. A mail without these attributes is left
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
    static final String RETRIES_EXHAUSTED_RULE = "remote-delivery.retries-exhausted";

    private final BounceRecorder recorder;
    private final Classifier classifier;
    private final Clock clock;
    private Optional<String> recordedProcessor;

    @Inject
    public RecordDeliveryFailures(BounceRecorder recorder, Classifier classifier, Clock clock) {
        this.recorder = recorder;
        this.classifier = classifier;
        this.clock = clock;
    }

    @Override
    public void init() throws MessagingException {
        recordedProcessor = InitParameters.of(this, RECORDED_PROCESSOR).processor(RECORDED_PROCESSOR);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Optional<String> error = value(mail, DELIVERY_ERROR, String.class);
        Optional<Integer> code = value(mail, DELIVERY_ERROR_CODE, Integer.class);
        Optional<Boolean> permanent = value(mail, IS_DELIVERY_PERMANENT_ERROR, Boolean.class);
        if (error.isEmpty() && code.isEmpty() && permanent.isEmpty()) {
            LOGGER.debug("no RemoteDelivery failure attributes, left as it is: mail={}", mail.getName());
            return;
        }
        String text = error.orElse("");
        Optional<ReplyCode> reply = code.flatMap(c -> ReplyCode.parse(Integer.toString(c))).or(() -> ReplyCode.find(text));
        Optional<EnhancedStatus> status = EnhancedStatus.findAfterReplyCode(text).or(() -> EnhancedStatus.find(text));
        Classification classification = classifier.classify(status, reply, text);
        boolean isPermanent = permanent.orElseGet(() -> reply.map(r -> r.statusClass() == 5)
            .or(() -> status.map(EnhancedStatus::isPermanent)).orElse(true));
        Category category = classification.category();
        String rule = classification.ruleId();
        if (!isPermanent && category == Category.UNKNOWN) {
            category = Category.EXPIRED;
            rule = RETRIES_EXHAUSTED_RULE;
        }
        List<Recorded> recorded = new ArrayList<>();
        for (MailAddress recipient : mail.getRecipients()) {
            Optional<AddressKey> maybeKey = recorder.keyOf(recipient);
            if (maybeKey.isEmpty()) {
                LOGGER.warn("delivery failure not recorded mail={} recipient={} cause=not a mailbox address", mail.getName(), recipient);
                continue;
            }
            AddressKey key = maybeKey.get();
            BounceEvent event = BounceEvent.bare("remote-delivery:" + mail.getName(), key, clock.instant(),
                EventSource.SYNCHRONOUS_DELIVERY_FAILURE, category, rule);
            event = reply.map(event::withReplyCode).orElse(event);
            event = status.map(event::withStatus).orElse(event);
            event = text.isEmpty() ? event : event.withDiagnostic(text);
            event = Mails.messageId(mail).map(event::withOriginalMessageId).orElse(event);
            BounceEvent toRecord = event;
            try {
                recorded.add(Recorded.decided(Optional.empty(), RecordBounceReports.recordOrThrow(mail, () -> recorder.record(toRecord))));
            } catch (StoreDataException e) {
                // the store refused a value: retrying the mail would fail the same way
                LOGGER.warn("delivery failure not recorded mail={} recipient={} cause={}", mail.getName(), recipient, e.getMessage());
            }
        }
        mail.setAttribute(new Attribute(RecordsJson.RECORDS, AttributeValue.of(RecordsJson.of(recorded))));
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
