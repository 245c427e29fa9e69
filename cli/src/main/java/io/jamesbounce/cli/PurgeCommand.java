package io.jamesbounce.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.jamesbounce.cli.StoreConnection.Access;
import io.jamesbounce.store.Retention;
import io.jamesbounce.store.jdbc.JdbcSentMessageLog;
import io.jamesbounce.store.jdbc.JdbcUntrustedEventLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bounces purge}: what the extension's retention job does every {@code retention.interval}, by hand (a store left without a
 * running James, or a first clean-up of a store that grew before retention existed).
 */
@Command(name = "purge", description = "What the extension's retention job does every retention.interval, by hand: "
    + "drops events, untrusted reports and sent-message keys older than their windows, and expired suppressions.")
final class PurgeCommand implements Callable<Integer> {
    private final CommandEnv env;
    @Mixin
    private StoreConnection.Options store;
    @Option(names = "--events-older-than", paramLabel = "AGE", converter = Converters.PositiveDuration.class,
        description = "bounce and complaint events (default: 180d)")
    private Duration events = Retention.Settings.DEFAULT.events();
    @Option(names = "--untrusted-older-than", paramLabel = "AGE", converter = Converters.PositiveDuration.class,
        description = "reports that could not be authenticated (default: 30d)")
    private Duration untrusted = Retention.Settings.DEFAULT.untrustedEvents();
    // what James keeps: the return paths' validity (verp.validity), 14 days unless set
    @Option(names = "--sent-older-than", paramLabel = "AGE", converter = Converters.PositiveDuration.class,
        description = "the keys of sent messages that match reports to them (default: 14d, verp.validity)")
    private Duration sent = Duration.ofDays(14);

    PurgeCommand(CommandEnv env) {
        this.env = env;
    }

    @Override
    public Integer call() throws UsageException, IOException {
        Retention.Settings settings;
        try {
            settings = new Retention.Settings(events, untrusted);
        } catch (IllegalArgumentException e) {
            throw new UsageException("purge: " + e.getMessage());
        }
        try (StoreConnection connection = StoreConnection.open(store, Access.READ, env.password(), env.err())) {
            Retention retention = new Retention(connection.eventHistory(), connection.suppressionList(), JdbcUntrustedEventLog.existing(connection.dataSource()),
                settings, env.clock());
            Retention.Purged purged = retention.purge();
            long forgotten = JdbcSentMessageLog.existing(connection.dataSource(), env.clock()).purgeBefore(env.clock().instant().minus(sent));
            env.out().printf("purged events=%d untrusted-events=%d expired-suppressions=%d sent-messages=%d (events older than %s,"
                    + " untrusted older than %s, sent older than %s)%n", purged.events(), purged.untrustedEvents(),
                purged.expiredSuppressions(), forgotten, days(events), days(untrusted), days(sent));
        }
        return 0;
    }

    private static String days(Duration d) {
        return d.toHours() % 24 == 0 ? d.toDays() + "d" : d.toHours() + "h";
    }
}
