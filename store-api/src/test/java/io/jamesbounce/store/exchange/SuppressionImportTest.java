package io.jamesbounce.store.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.jamesbounce.core.policy.LocalPartMatching;
import io.jamesbounce.store.Suppression;

class SuppressionImportTest {
    private static final Instant IMPORTED_AT = Instant.parse("2026-11-28T12:00:00Z");

    private final List<List<String>> batches = new ArrayList<>();
    private final List<String> rejected = new ArrayList<>();

    private long store(List<Suppression> batch, long lastLine, long importedBefore) {
        batches.add(batch.stream().map(s -> s.address().value() + "@" + lastLine + "/" + importedBefore).toList());
        return batch.size();
    }

    private final SuppressionImport.Listener listener = (line, reason) -> rejected.add(line + ": " + reason);

    private static RowReader csv(Reader in) throws IOException {
        return SuppressionListFormat.CSV.reader(in, LocalPartMatching.CASE_INSENSITIVE, IMPORTED_AT);
    }

    @Test
    void runShouldStoreFullBatchesThenTheRestAndReportRejectedRows() throws Exception {
        String text = "address,category\na@example.org,spam\nb@example.org,spam\nnot an address,spam\nc@example.org,spam\n";

        SuppressionImport.Totals totals = SuppressionImport.run(csv(new StringReader(text)), 2, this::store, listener);

        assertThat(totals).isEqualTo(new SuppressionImport.Totals(4, 3, 1));
        assertThat(totals.alreadyPresent()).isZero();
        assertThat(batches).containsExactly(List.of("a@example.org@3/0", "b@example.org@3/0"), List.of("c@example.org@5/2"));
        assertThat(rejected).singleElement().asString().startsWith("4: ");
    }

    @Test
    void alreadyPresentShouldCountWhatTheSinkDidNotAdd() throws Exception {
        String text = "address,category\na@example.org,spam\nb@example.org,spam\n";

        SuppressionImport.Totals totals = SuppressionImport.run(csv(new StringReader(text)), 10, (batch, line, before) -> 1L, listener);

        assertThat(totals.imported()).isEqualTo(1);
        assertThat(totals.alreadyPresent()).isEqualTo(1);
    }

    @Test
    void aLineThatCannotBeReadShouldStopTheImportAfterStoringTheRowsBeforeIt() throws Exception {
        String head = "address,category\na@example.org,spam\nb@example.org,spam\n";
        Reader failing = new Reader() {
            private final StringReader rest = new StringReader(head);

            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                int n = rest.read(buffer, offset, length);
                if (n < 0) {
                    throw new IOException("disk gone");
                }
                return n;
            }

            @Override
            public void close() {
            }
        };

        RowReader rows = csv(failing);
        assertThatThrownBy(() -> SuppressionImport.run(rows, 10, this::store, listener))
            .isInstanceOfSatisfying(SuppressionImport.ReadFailure.class, e -> {
                assertThat(e.imported()).isEqualTo(2);
                assertThat(e.getCause()).hasMessage("disk gone");
                assertThat(e.getMessage()).isEqualTo("line " + e.line() + ": disk gone; 2 entries before it are imported");
            });
        assertThat(batches).singleElement().asList().hasSize(2);
    }
}
