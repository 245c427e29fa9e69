package io.jamesbounce.store.jdbc;

import static io.jamesbounce.store.jdbc.Columns.setInstant;
import static io.jamesbounce.store.jdbc.Columns.setInstantText;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import io.jamesbounce.core.trust.SentMessageLog;

/**
 * The messages sent to each recipient, in the store's database (table {@code sent_message}): shared by
 * every server of a cluster and kept across restarts, so that an unsigned bounce reaching any server is
 * believed for exactly the recipients the message went to. Rows are 16-byte digests of
 * {@link SentMessageLog#key}; a pair never sent matches one of N stored with a chance of N / 2^128.
 */
public final class JdbcSentMessageLog implements SentMessageLog {
    /** One digest per thread: looking SHA-256 up again for every sent mail cost as much as its INSERT ({@code scripts/load-james}). */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(JdbcSentMessageLog::sha256);
    /** Rows per shared INSERT at most. */
    private static final int INSERTS_PER_STATEMENT = 50;
    private final DataSource dataSource;
    private final Clock clock;
    private final Coalescer<String, Boolean> inserts = new Coalescer<>(this::insertAll, INSERTS_PER_STATEMENT);

    private JdbcSentMessageLog(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** On a store whose schema is not touched (read-only tools): it must be at version 5 or later. */
    public static JdbcSentMessageLog existing(DataSource dataSource, Clock clock) {
        return new JdbcSentMessageLog(dataSource, clock);
    }

    /** Migrates the schema if needed. */
    public static JdbcSentMessageLog create(DataSource dataSource, Clock clock) {
        SchemaMigrator.migrate(dataSource);
        return new JdbcSentMessageLog(dataSource, clock);
    }

    @Override
    public void add(String messageId, String recipient) {
        inserts.call(digest(messageId, recipient));
    }

    /** One INSERT for the mails that concurrent spool threads sent: each caller returns once it is committed. */
    private List<Boolean> insertAll(List<String> digests) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(digests));
        StringBuilder sql = new StringBuilder("INSERT INTO sent_message (digest, sent_at) VALUES ");
        for (int i = 0; i < distinct.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, CAST(? AS TIMESTAMP WITH TIME ZONE))");
        }
        sql.append(" ON CONFLICT DO NOTHING");
        Instant sentAt = clock.instant();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int index = 1;
            for (String digest : distinct) {
                ps.setString(index++, digest);
                setInstantText(ps, index++, sentAt);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw SuppressionStoreException.of(e);
        }
        return Collections.nCopies(digests.size(), Boolean.TRUE);
    }

    @Override
    public boolean mightContain(String messageId, String recipient) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM sent_message WHERE digest = ?")) {
            ps.setString(1, digest(messageId, recipient));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw SuppressionStoreException.of(e);
        }
    }

    /**
     * Forgets what was sent before {@code before}: a bounce older than the return paths' validity
     * proves nothing. @return how many pairs were forgotten
     */
    public long purgeBefore(Instant before) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM sent_message WHERE sent_at < ?")) {
            setInstant(ps, 1, before);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw SuppressionStoreException.of(e);
        }
    }

    static String digest(String messageId, String recipient) {
        byte[] d = SHA_256.get().digest(SentMessageLog.key(messageId, recipient).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(d, 0, 16);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
