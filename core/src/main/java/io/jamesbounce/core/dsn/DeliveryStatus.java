package io.jamesbounce.core.dsn;

import java.util.List;

/** The content of a message/delivery-status or message/global-delivery-status entity. */
public record DeliveryStatus(PerMessageFields perMessage, List<PerRecipientFields> recipients) {
    public DeliveryStatus {
        recipients = List.copyOf(recipients);
    }
}
