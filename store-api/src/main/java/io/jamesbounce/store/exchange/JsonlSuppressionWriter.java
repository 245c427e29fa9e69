package io.jamesbounce.store.exchange;

import static io.jamesbounce.store.exchange.SuppressionColumns.COLUMNS;
import static io.jamesbounce.store.exchange.SuppressionColumns.REPLY_CODE;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.jamesbounce.core.json.CompactJson;
import io.jamesbounce.store.Suppression;

/** JSONL: one object per entry and line, every column a member, {@code null} when absent, the reply code a number. */
final class JsonlSuppressionWriter implements SuppressionWriter {
    private final Writer out;

    JsonlSuppressionWriter(Writer out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void write(Suppression s) throws IOException {
        List<Optional<String>> values = SuppressionColumns.values(s);
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < COLUMNS.size(); i++) {
            String column = COLUMNS.get(i);
            object.put(column, column.equals(REPLY_CODE) ? values.get(i).map(Integer::valueOf).orElse(null) : values.get(i).orElse(null));
        }
        out.append(CompactJson.write(object)).append('\n');
    }
}
