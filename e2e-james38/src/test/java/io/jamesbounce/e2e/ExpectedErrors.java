package io.jamesbounce.e2e;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * The ERROR lines a test provokes on purpose, counted instead of printed so that the test can assert them:
 * only those of one logger whose message {@code expected} accepts, only while open. Every other line, of
 * that logger too, is logged as before.
 */
final class ExpectedErrors extends TurboFilter implements AutoCloseable {
    private final LoggerContext context;
    private final String loggerName;
    private final Predicate<String> expected;
    private final AtomicInteger seen = new AtomicInteger();

    private ExpectedErrors(LoggerContext context, String loggerName, Predicate<String> expected) {
        this.context = context;
        this.loggerName = loggerName;
        this.expected = expected;
    }

    static ExpectedErrors of(String loggerName, Predicate<String> expected) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ExpectedErrors filter = new ExpectedErrors(context, loggerName, expected);
        filter.start();
        context.addTurboFilter(filter);
        return filter;
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level == Level.ERROR && format != null && logger.getName().equals(loggerName) && expected.test(format)) {
            seen.incrementAndGet();
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }

    /** How many were counted (and not printed). */
    int seen() {
        return seen.get();
    }

    @Override
    public void close() {
        context.getTurboFilterList().remove(this);
        stop();
    }
}
