package io.jamesbounce.core.mime;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.DefaultFieldBuilder;
import org.apache.james.mime4j.stream.RawField;

/**
 * mime4j's field builder, handing on at most {@value #MAX_CONTENT_TYPE} characters of a Content-Type
 * field: mime4j parses the parameters of every entity's Content-Type, in time that grows with the
 * square of their number (found fuzzing: a 30 KB field of repeated {@code name*=} parameters took
 * 60 to 160 ms). No real Content-Type comes near the limit; every other field is passed as it is.
 */
final class BoundedFieldBuilder extends DefaultFieldBuilder {
    static final int MAX_CONTENT_TYPE = 4096;

    /** @param maxFieldLength the longest field read (folded lines included); a longer one is a MIME error */
    BoundedFieldBuilder(int maxFieldLength) {
        super(maxFieldLength);
    }

    @Override
    public RawField build() throws MimeException {
        RawField field = super.build();
        if (field == null || !"content-type".equals(field.getNameLowerCase())) {
            return field;
        }
        String body = field.getBody();
        return body != null && body.length() > MAX_CONTENT_TYPE ? new RawField(field.getName(), body.substring(0, MAX_CONTENT_TYPE)) : field;
    }
}
