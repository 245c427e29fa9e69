package io.jamesbounce.store.jdbc;

import java.time.Clock;
import java.time.Duration;

import io.jamesbounce.core.trust.RotatingBloomFilter;
import io.jamesbounce.core.trust.SentMessageLog;

/** The contract on the in-memory filter of one server. */
class RotatingBloomFilterSentMessageLogTest implements SentMessageLogContract {
    private final RotatingBloomFilter filter = new RotatingBloomFilter(10_000, 0.0001, Duration.ofDays(14), Clock.systemUTC());

    @Override
    public SentMessageLog log() {
        return filter;
    }
}
