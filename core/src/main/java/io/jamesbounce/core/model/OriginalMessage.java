package io.jamesbounce.core.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a report tells of the message it is about, to tie it to what was sent.
 *
 * @param xHeaders every X- header of the original, in order, name as written
 */
public record OriginalMessage(Optional<String> messageId, Optional<String> from, List<String> to,
                              Optional<String> subject, Optional<String> returnPath,
                              List<Map.Entry<String, String>> xHeaders) {
    public OriginalMessage {
        to = List.copyOf(to);
        xHeaders = List.copyOf(xHeaders);
    }

    public boolean isEmpty() {
        return messageId.isEmpty() && from.isEmpty() && to.isEmpty() && subject.isEmpty() && returnPath.isEmpty();
    }
}
