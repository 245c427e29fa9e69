package io.jamesbounce.core.mime;

import java.util.List;
import java.util.Optional;

/**
 * One entity of a parsed message. Text bodies are decoded (transfer encoding and charset) and
 * bounded; binary bodies are not kept.
 *
 * @param depth how many enclosing message/rfc822 entities this part is inside (0 = the report itself)
 */
public record MimePart(Headers headers, String mimeType, Optional<String> charset, String text,
                       boolean truncated, List<MimePart> children, int depth) {
    public MimePart {
        children = List.copyOf(children);
    }

    public boolean isMultipart() {
        return mimeType.startsWith("multipart/");
    }

    public boolean isAttachedMessage() {
        return mimeType.equals("message/rfc822") || mimeType.equals("message/global");
    }

    public boolean isText() {
        return mimeType.startsWith("text/");
    }
}
