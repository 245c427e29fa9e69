package io.jamesbounce.store.jdbc;

import static io.jamesbounce.store.jdbc.Columns.category;
import static io.jamesbounce.store.jdbc.Columns.instant;
import static io.jamesbounce.store.jdbc.Columns.integer;
import static io.jamesbounce.store.jdbc.Columns.optionalInstant;
import static io.jamesbounce.store.jdbc.Columns.setInstant;
import static io.jamesbounce.store.jdbc.Columns.setInteger;
import static io.jamesbounce.store.jdbc.Columns.setString;
import static io.jamesbounce.store.jdbc.Columns.string;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.model.EnhancedStatus;
import io.jamesbounce.core.model.ReplyCode;
import io.jamesbounce.core.policy.AddressHistory;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.Attempt;
import io.jamesbounce.core.policy.BounceEvent;
import io.jamesbounce.core.policy.Decision;
import io.jamesbounce.core.policy.EventSource;
import io.jamesbounce.core.policy.LocalPartMatching;
import io.jamesbounce.store.Allowlist;
import io.jamesbounce.store.AllowlistEntry;
import io.jamesbounce.store.AuditEntry;
import io.jamesbounce.store.AuditEntry.AuditAction;
import io.jamesbounce.store.BounceEventHistory;
import io.jamesbounce.store.Change;
import io.jamesbounce.store.EventCount;
import io.jamesbounce.store.Suppression;
import io.jamesbounce.store.SuppressionAuditTrail;
import io.jamesbounce.store.SuppressionList;
import io.jamesbounce.store.SuppressionPage;
import io.jamesbounce.store.SuppressionQuery;

/**
 * The repository on a {@link DataSource}: the embedded H2 file database ({@link EmbeddedH2}) or
 * PostgreSQL shared by a cluster. One set of SQL statements for both (H2 runs in PostgreSQL mode).
 *
 * <p>Concurrency without locks held across calls: every "insert if absent" is a single
 * {@code INSERT ... ON CONFLICT DO NOTHING} against a unique constraint, which the database
 * resolves atomically however many servers race; updates that must not downgrade an entry carry
 * their condition in the WHERE clause.
 *
 * <p>One class for the four views of the store, on the same tables: {@link #recordEventAndDecide}
 * inserts the event, reads the allowlist and the history and writes the suppression in one
 * transaction, and a manual change writes the entry and its audit row in one transaction. Split
 * into several classes, they would have to share the connection of that transaction.
 */
public final class JdbcSuppressionRepository implements SuppressionList, BounceEventHistory, SuppressionAuditTrail, Allowlist, AutoCloseable {
    /** Rows per multi-row INSERT of an import: 500 × 13 parameters stays far below PostgreSQL's 32767. */
    static final int IMPORT_BATCH = 500;
    /** Addresses per batch lookup statement. */
    static final int LOOKUP_BATCH = 1000;
    /** Lookups of up to this many addresses (a mail's recipients) share statements with concurrent ones. */
    private static final int COALESCED_LOOKUP = 50;
    /** Concurrent lookups per shared statement at most. */
    private static final int LOOKUPS_PER_STATEMENT = 20;
    private static final int FETCH_SIZE = 1000;
    private static final int EXPORT_PAGE = 10_000;
    private static final int SUPPRESS_ATTEMPTS = 5;

    static final String SUPPRESSION_COLUMNS = "address, domain, category, source, rule_id, suppressed_at, "
        + "expires_at, report_key, reply_code, enhanced_status, diagnostic, reporting_mta, original_message_id";
    private static final String SUPPRESSION_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final SuppressionPrefilter prefilter;
    private final Coalescer<Set<AddressKey>, Map<AddressKey, Optional<Instant>>> lookups =
        new Coalescer<>(this::entriesOfAll, LOOKUPS_PER_STATEMENT);

    /** Expects a migrated schema; see {@link #create(DataSource)}. Every lookup goes to the database. */
    public JdbcSuppressionRepository(DataSource dataSource) {
        this(dataSource, SuppressionPrefilter.disabled());
    }

    /**
     * Expects a migrated schema. Lookups of addresses that the prefilter rules out do not reach the
     * database; the addresses this repository writes are handed to it first.
     */
    public JdbcSuppressionRepository(DataSource dataSource, SuppressionPrefilter prefilter) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.prefilter = Objects.requireNonNull(prefilter, "prefilter");
    }

    /** Migrates the schema to the latest version, then returns the repository. */
    public static JdbcSuppressionRepository create(DataSource dataSource) {
        SchemaMigrator.migrate(dataSource);
        return new JdbcSuppressionRepository(dataSource);
    }

    /**
     * Migrates the schema, then returns the repository with a prefilter of every suppressed address,
     * built and refreshed on a thread of its own (see {@link SuppressionPrefilter#start}); {@link #close} stops it.
     */
    public static JdbcSuppressionRepository createWithPrefilter(DataSource dataSource, Duration refresh, Duration maximumAge) {
        SchemaMigrator.migrate(dataSource);
        return new JdbcSuppressionRepository(dataSource, SuppressionPrefilter.start(dataSource, refresh, maximumAge));
    }

    /** Stops the prefilter's refreshing; the data source is its owner's to close. */
    @Override
    public void close() {
        prefilter.close();
    }

    // ---- events

    @Override
    public boolean recordEvent(BounceEvent event) {
        return inConnection(c -> insertEvent(c, event));
    }

    /**
     * One transaction: the unique constraint on the event decides, across servers, who handles a
     * report; the history is read and the suppression written before anything is committed.
     */
    @Override
    public Optional<Decision> recordEventAndDecide(BounceEvent event, Instant historySince, EventDecision decision) {
        return inTransaction(c -> {
            if (!insertEvent(c, event)) {
                return Optional.empty();
            }
            Decision decided = decision.decide(new AddressHistory(isAllowlisted(c, event.recipient()),
                attempts(c, event.recipient(), historySince)));
            if (decided.suppresses()) {
                upsert(c, Suppression.from(decided));
            }
            return Optional.of(decided);
        });
    }

    private static boolean insertEvent(Connection c, BounceEvent event) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO bounce_event (" + EventColumns.NAMES + ") VALUES (" + EventColumns.PLACEHOLDERS + ") ON CONFLICT DO NOTHING")) {
            EventColumns.bind(ps, 1, event);
            return ps.executeUpdate() == 1;
        }
    }

    @Override
    public List<Attempt> attempts(AddressKey address, Instant since) {
        return inConnection(c -> attempts(c, address, since));
    }

    private static List<Attempt> attempts(Connection c, AddressKey address, Instant since) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT occurred_at, category, rule_id FROM bounce_event WHERE address = ? AND occurred_at >= ? ORDER BY occurred_at, id")) {
            ps.setString(1, address.value());
            setInstant(ps, 2, since);
            List<Attempt> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Attempt(instant(rs, 1), category(rs.getString(2)), rs.getString(3)));
                }
            }
            return out;
        }
    }

    @Override
    public List<BounceEvent> events(AddressKey address) {
        return inConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + EventColumns.NAMES + " FROM bounce_event WHERE address = ? ORDER BY occurred_at, id")) {
                ps.setString(1, address.value());
                List<BounceEvent> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(EventColumns.read(rs, 1));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public List<BounceEvent> recentEvents(AddressKey address, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        return inConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + EventColumns.NAMES + " FROM bounce_event WHERE address = ? ORDER BY occurred_at DESC, id DESC LIMIT ?")) {
                ps.setString(1, address.value());
                ps.setInt(2, limit);
                List<BounceEvent> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(EventColumns.read(rs, 1));
                    }
                }
                Collections.reverse(out);
                return out;
            }
        });
    }

    @Override
    public List<EventCount> countEvents(Instant from, Instant to) {
        return inConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT domain, category, COUNT(*) FROM bounce_event "
                + "WHERE occurred_at >= ? AND occurred_at < ? GROUP BY domain, category ORDER BY domain, category")) {
                setInstant(ps, 1, from);
                setInstant(ps, 2, to);
                List<EventCount> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new EventCount(rs.getString(1), category(rs.getString(2)), rs.getLong(3)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public long purgeEventsBefore(Instant before) {
        return inConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM bounce_event WHERE occurred_at < ?")) {
                setInstant(ps, 1, before);
                return (long) ps.executeUpdate();
            }
        });
    }

    // ---- suppressions

    @Override
    public void suppress(Suppression suppression) {
        inConnection(c -> {
            upsert(c, suppression);
            return null;
        });
    }

    /**
     * Insert if absent, else replace an expiring entry; a permanent one is left alone. Each step is
     * one atomic statement; the loop covers an entry removed by another server between the two.
     */
    private void upsert(Connection c, Suppression s) throws SQLException {
        prefilter.adding(s.address());
        for (int attempt = 0; attempt < SUPPRESS_ATTEMPTS; attempt++) {
            try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO suppression (" + SUPPRESSION_COLUMNS + ") VALUES " + SUPPRESSION_ROW + " ON CONFLICT DO NOTHING")) {
                bindSuppression(insert, 0, s);
                if (insert.executeUpdate() == 1) {
                    return;
                }
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE suppression SET category = ?, source = ?, rule_id = ?, "
                + "suppressed_at = ?, expires_at = ?, report_key = ?, reply_code = ?, enhanced_status = ?, diagnostic = ?, "
                + "reporting_mta = ?, original_message_id = ?, written_at = CURRENT_TIMESTAMP WHERE address = ? AND expires_at IS NOT NULL")) {
                update.setString(1, s.category().label());
                update.setString(2, s.source().name());
                update.setString(3, s.ruleId());
                setInstant(update, 4, s.suppressedAt());
                setInstant(update, 5, s.expiresAt());
                setString(update, 6, s.reportKey());
                setInteger(update, 7, s.replyCode().map(ReplyCode::value));
                setString(update, 8, s.status().map(EnhancedStatus::toString));
                setString(update, 9, s.diagnostic());
                setString(update, 10, s.reportingMta());
                setString(update, 11, s.originalMessageId());
                update.setString(12, s.address().value());
                if (update.executeUpdate() == 1) {
                    return;
                }
            }
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM suppression WHERE address = ?")) {
                exists.setString(1, s.address().value());
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return; // a permanent entry: it stays
                    }
                }
            }
        }
        throw new SQLException("could not store the suppression of " + s.address() + " after " + SUPPRESS_ATTEMPTS
            + " attempts: it keeps being removed concurrently");
    }

    @Override
    public void suppressManually(Suppression suppression, Change change) {
        inTransaction(c -> {
            // the operator's word replaces whatever entry there was, permanent or not
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM suppression WHERE address = ?")) {
                delete.setString(1, suppression.address().value());
                delete.executeUpdate();
            }
            upsert(c, suppression);
            audit(c, new AuditEntry(suppression.address(), AuditAction.ADDED, change, suppression.category(), suppression.source()));
            return null;
        });
    }

    @Override
    public boolean remove(AddressKey address, Change change) {
        return inTransaction(c -> {
            Category category;
            EventSource source;
            // FOR UPDATE: of two operators removing at once, one audits the removal, the other finds nothing.
            try (PreparedStatement select = c.prepareStatement("SELECT category, source FROM suppression WHERE address = ? FOR UPDATE")) {
                select.setString(1, address.value());
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    category = category(rs.getString(1));
                    source = EventSource.valueOf(rs.getString(2));
                }
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM suppression WHERE address = ?")) {
                delete.setString(1, address.value());
                if (delete.executeUpdate() == 0) {
                    return false;
                }
            }
            audit(c, new AuditEntry(address, AuditAction.REMOVED, change, category, source));
            return true;
        });
    }

    private static void audit(Connection c, AuditEntry entry) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO suppression_audit "
            + "(address, action, actor, reason, changed_at, category, source) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, entry.address().value());
            ps.setString(2, entry.action().name());
            ps.setString(3, entry.change().actor());
            ps.setString(4, entry.change().reason());
            setInstant(ps, 5, entry.change().at());
            ps.setString(6, entry.category().label());
            ps.setString(7, entry.source().name());
            ps.executeUpdate();
        }
    }

    @Override
    public Optional<Suppression> find(AddressKey address) {
        return inConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SUPPRESSION_COLUMNS + " FROM suppression WHERE address = ?")) {
                ps.setString(1, address.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(suppression(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean isSuppressed(AddressKey address, Instant now) {
        if (!prefilter.mayBeSuppressed(address)) {
            return false;
        }
        return isActive(lookups.call(Set.of(address)), address, now);
    }

    @Override
    public Set<AddressKey> suppressedAmong(Collection<AddressKey> addresses, Instant now) {
        if (addresses.isEmpty()) {
            return Set.of();
        }
        Set<AddressKey> asked = new HashSet<>();
        for (AddressKey address : addresses) {
            if (prefilter.mayBeSuppressed(Objects.requireNonNull(address, "address"))) {
                asked.add(address);
            }
        }
        if (asked.isEmpty()) {
            return Set.of();
        }
        // a long list (an operator's scan) runs alone: in a batch it would hold up every mail's lookup
        Map<AddressKey, Optional<Instant>> entries = asked.size() > COALESCED_LOOKUP ? entriesOf(asked) : lookups.call(asked);
        Set<AddressKey> out = new HashSet<>();
        for (AddressKey address : asked) {
            if (isActive(entries, address, now)) {
                out.add(address);
            }
        }
        return out;
    }

    /** The lookups of a batch share one statement: each caller reads its own addresses in the answer. */
    private List<Map<AddressKey, Optional<Instant>>> entriesOfAll(List<Set<AddressKey>> requests) {
        Set<AddressKey> all = new HashSet<>();
        requests.forEach(all::addAll);
        return Collections.nCopies(requests.size(), entriesOf(all));
    }

    /** The expiry ({@code expires_at}, empty for a permanent entry) of each address that has an entry. */
    private Map<AddressKey, Optional<Instant>> entriesOf(Set<AddressKey> addresses) {
        if (addresses.size() == 1) {
            AddressKey only = addresses.iterator().next();
            return inConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT expires_at FROM suppression WHERE address = ?")) {
                    ps.setString(1, only.value());
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Map.of(only, optionalInstant(rs, 1)) : Map.of();
                    }
                }
            });
        }
        List<AddressKey> all = List.copyOf(addresses);
        return inConnection(c -> {
            Map<AddressKey, Optional<Instant>> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT address, expires_at FROM suppression WHERE address = ANY(?)")) {
                for (int from = 0; from < all.size(); from += LOOKUP_BATCH) {
                    List<AddressKey> chunk = all.subList(from, Math.min(all.size(), from + LOOKUP_BATCH));
                    Array array = c.createArrayOf("VARCHAR", chunk.stream().map(AddressKey::value).toArray());
                    ps.setArray(1, array);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put(new AddressKey(rs.getString(1)), optionalInstant(rs, 2));
                        }
                    }
                    array.free();
                }
            }
            return out;
        });
    }

    /**
     * Whether the address has an entry in {@code entries} active at {@code now}:
     * {@code expires_at IS NULL OR expires_at > now}, decided in Java: the outbound lookups bind no
     * timestamp (its conversion in the driver was a quarter of a lookup's CPU in James, profiled
     * under {@code scripts/load-james}), and a miss, the usual answer, converts none at all.
     */
    private static boolean isActive(Map<AddressKey, Optional<Instant>> entries, AddressKey address, Instant now) {
        Optional<Instant> expires = entries.get(address);
        return expires != null && expires.map(at -> at.isAfter(now)).orElse(true);
    }

    @Override
    public SuppressionPage search(SuppressionQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + SUPPRESSION_COLUMNS + " FROM suppression WHERE 1 = 1");
        List<Binder> binders = new ArrayList<>();
        query.domain().ifPresent(d -> {
            sql.append(" AND domain = ?");
            binders.add((ps, i) -> ps.setString(i, d));
        });
        query.category().ifPresent(cat -> {
            sql.append(" AND category = ?");
            binders.add((ps, i) -> ps.setString(i, cat.label()));
        });
        query.source().ifPresent(src -> {
            sql.append(" AND source = ?");
            binders.add((ps, i) -> ps.setString(i, src.name()));
        });
        query.from().ifPresent(f -> {
            sql.append(" AND suppressed_at >= ?");
            binders.add((ps, i) -> setInstant(ps, i, f));
        });
        query.to().ifPresent(t -> {
            sql.append(" AND suppressed_at < ?");
            binders.add((ps, i) -> setInstant(ps, i, t));
        });
        query.after().ifPresent(a -> {
            sql.append(" AND address > ?");
            binders.add((ps, i) -> ps.setString(i, a.value()));
        });
        sql.append(" ORDER BY address LIMIT ?");
        binders.add((ps, i) -> ps.setInt(i, query.limit() + 1));
        return inConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < binders.size(); i++) {
                    binders.get(i).bind(ps, i + 1);
                }
                List<Suppression> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(suppression(rs));
                    }
                }
                return SuppressionPage.of(rows, query.limit());
            }
        });
    }

    @Override
    public void forEachSuppression(Consumer<? super Suppression> consumer) {
        // keyset pages, one transaction: no more than EXPORT_PAGE rows are held, whatever the database does
        // with a large result (H2 keeps up to a share of the heap in memory before it spills to disk)
        inTransaction(c -> {
            try (PreparedStatement first = c.prepareStatement("SELECT " + SUPPRESSION_COLUMNS
                     + " FROM suppression ORDER BY address LIMIT " + EXPORT_PAGE);
                 PreparedStatement next = c.prepareStatement("SELECT " + SUPPRESSION_COLUMNS
                     + " FROM suppression WHERE address > ? ORDER BY address LIMIT " + EXPORT_PAGE)) {
                Optional<String> after = Optional.empty();
                while (true) {
                    PreparedStatement ps = after.isEmpty() ? first : next;
                    if (after.isPresent()) {
                        next.setString(1, after.get());
                    }
                    ps.setFetchSize(FETCH_SIZE);
                    int rows = 0;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows++;
                            after = Optional.of(rs.getString("address"));
                            consumer.accept(suppression(rs));
                        }
                    }
                    if (rows < EXPORT_PAGE) {
                        return null;
                    }
                }
            }
        });
    }

    @Override
    public long importSuppressions(Iterator<Suppression> suppressions) {
        return inConnection(c -> {
            long added = 0;
            List<Suppression> batch = new ArrayList<>(IMPORT_BATCH);
            try (PreparedStatement full = c.prepareStatement(multiRowInsert(IMPORT_BATCH))) {
                while (suppressions.hasNext()) {
                    batch.add(suppressions.next());
                    if (batch.size() == IMPORT_BATCH) {
                        added += insertRows(full, batch);
                        batch.clear();
                    }
                }
            }
            if (!batch.isEmpty()) {
                try (PreparedStatement partial = c.prepareStatement(multiRowInsert(batch.size()))) {
                    added += insertRows(partial, batch);
                }
            }
            return added;
        });
    }

    private static String multiRowInsert(int rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO suppression (" + SUPPRESSION_COLUMNS + ") VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(SUPPRESSION_ROW);
        }
        return sql.append(" ON CONFLICT DO NOTHING").toString();
    }

    private int insertRows(PreparedStatement ps, List<Suppression> rows) throws SQLException {
        for (int i = 0; i < rows.size(); i++) {
            prefilter.adding(rows.get(i).address());
            bindSuppression(ps, i * 13, rows.get(i));
        }
        return ps.executeUpdate();
    }

    @Override
    public long purgeExpired(Instant now) {
        return inConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM suppression WHERE expires_at IS NOT NULL AND expires_at <= ?")) {
                setInstant(ps, 1, now);
                return (long) ps.executeUpdate();
            }
        });
    }

    @Override
    public List<AuditEntry> auditHistory(AddressKey address) {
        return inConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT action, actor, reason, changed_at, category, source "
                + "FROM suppression_audit WHERE address = ? ORDER BY id")) {
                ps.setString(1, address.value());
                List<AuditEntry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AuditEntry(address, AuditAction.valueOf(rs.getString(1)),
                            new Change(rs.getString(2), rs.getString(3), instant(rs, 4)), category(rs.getString(5)),
                            EventSource.valueOf(rs.getString(6))));
                    }
                }
                return out;
            }
        });
    }

    // ---- allowlist

    @Override
    public void allow(AllowlistEntry entry) {
        inConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO allowlist (entry, actor, reason, added_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, entry.value());
                ps.setString(2, entry.change().actor());
                ps.setString(3, entry.change().reason());
                setInstant(ps, 4, entry.change().at());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public boolean disallow(String addressOrDomain) {
        String asWritten = AllowlistEntry.normalise(addressOrDomain, LocalPartMatching.CASE_SENSITIVE);
        String folded = AllowlistEntry.normalise(addressOrDomain);
        return inConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM allowlist WHERE entry IN (?, ?)")) {
                ps.setString(1, asWritten);
                ps.setString(2, folded);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public boolean isAllowlisted(AddressKey address) {
        return inConnection(c -> isAllowlisted(c, address));
    }

    private static boolean isAllowlisted(Connection c, AddressKey address) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM allowlist WHERE entry IN (?, ?)")) {
            ps.setString(1, address.value());
            ps.setString(2, address.domain());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public List<AllowlistEntry> entries() {
        return inConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT entry, actor, reason, added_at FROM allowlist ORDER BY entry");
                 ResultSet rs = ps.executeQuery()) {
                List<AllowlistEntry> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new AllowlistEntry(rs.getString(1), new Change(rs.getString(2), rs.getString(3), instant(rs, 4))));
                }
                return out;
            }
        });
    }

    // ---- plumbing

    private <T> T inConnection(Connections.Work<T> work) {
        return Connections.withConnection(dataSource, work);
    }

    private <T> T inTransaction(Connections.Work<T> work) {
        return Connections.inTransaction(dataSource, work);
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps, int index) throws SQLException;
    }

    private static void bindSuppression(PreparedStatement ps, int offset, Suppression s) throws SQLException {
        ps.setString(offset + 1, s.address().value());
        ps.setString(offset + 2, s.address().domain());
        ps.setString(offset + 3, s.category().label());
        ps.setString(offset + 4, s.source().name());
        ps.setString(offset + 5, s.ruleId());
        setInstant(ps, offset + 6, s.suppressedAt());
        setInstant(ps, offset + 7, s.expiresAt());
        setString(ps, offset + 8, s.reportKey());
        setInteger(ps, offset + 9, s.replyCode().map(ReplyCode::value));
        setString(ps, offset + 10, s.status().map(EnhancedStatus::toString));
        setString(ps, offset + 11, s.diagnostic());
        setString(ps, offset + 12, s.reportingMta());
        setString(ps, offset + 13, s.originalMessageId());
    }

    static Suppression suppression(ResultSet rs) throws SQLException {
        return new Suppression(new AddressKey(rs.getString(1)), category(rs.getString(3)), EventSource.valueOf(rs.getString(4)),
            rs.getString(5), instant(rs, 6), optionalInstant(rs, 7), string(rs, 8), integer(rs, 9).map(ReplyCode::new),
            string(rs, 10).map(EnhancedStatus::of), string(rs, 11), string(rs, 12), string(rs, 13));
    }
}
