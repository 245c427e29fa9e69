package io.jamesbounce.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import io.jamesbounce.cli.Main.UsageException;
import io.jamesbounce.core.Durations;
import io.jamesbounce.cli.StoreConnection.Access;
import io.jamesbounce.store.Retention;
import io.jamesbounce.store.jdbc.JdbcSentMessageLog;
import io.jamesbounce.store.jdbc.JdbcUntrustedEventLog;

/**
 * {@code bounces purge STORE [--events-older-than D] [--untrusted-older-than D] [--sent-older-than D]}: what the
 * extension's retention job does every {@code retention.interval}, by hand (a store left without a
 * running James, or a first clean-up of a store that grew before retention existed).
 */
final class PurgeCommand {

    private PurgeCommand() {
    }

    static int run(List<String> arguments, CommandEnv env) throws UsageException, IOException {
        Args args = new Args(arguments);
        StoreConnection.Options store = new StoreConnection.Options();
        Duration events = Retention.Settings.DEFAULT.events();
        Duration untrusted = Retention.Settings.DEFAULT.untrustedEvents();
        // what James keeps: the return paths' validity (verp.validity), 14 days unless set
        Duration sent = Duration.ofDays(14);
        while (args.hasNext()) {
            String a = args.next();
            if (store.accept(a, args)) {
                continue;
            }
            switch (a) {
                case "--events-older-than" -> events = duration(a, args.value(a));
                case "--untrusted-older-than" -> untrusted = duration(a, args.value(a));
                case "--sent-older-than" -> sent = duration(a, args.value(a));
                default -> throw new UsageException("purge: unknown option " + a);
            }
        }
        Retention.Settings settings;
        try {
            settings = new Retention.Settings(events, untrusted);
        } catch (IllegalArgumentException e) {
            throw new UsageException("purge: " + e.getMessage());
        }
        try (StoreConnection connection = StoreConnection.open(store, Access.READ, env.password(), env.err())) {
            Retention retention = new Retention(connection.repository(), JdbcUntrustedEventLog.existing(connection.dataSource()),
                settings, env.clock());
            Retention.Purged purged = retention.purge();
            long forgotten = JdbcSentMessageLog.existing(connection.dataSource(), env.clock()).purgeBefore(env.clock().instant().minus(sent));
            env.out().printf("purged events=%d untrusted-events=%d expired-suppressions=%d sent-messages=%d (events older than %s,"
                    + " untrusted older than %s, sent older than %s)%n", purged.events(), purged.untrustedEvents(),
                purged.expiredSuppressions(), forgotten, days(events), days(untrusted), days(sent));
        }
        return 0;
    }

    /** 180d, 12h, or any duration a setting takes ({@link Durations}). */
    private static Duration duration(String option, String value) throws UsageException {
        return Durations.parse(value).filter(Duration::isPositive)
            .orElseThrow(() -> new UsageException(option + " takes a duration, e.g. 180d or 12h: " + value));
    }

    private static String days(Duration d) {
        return d.toHours() % 24 == 0 ? d.toDays() + "d" : d.toHours() + "h";
    }
}
