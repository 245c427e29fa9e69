package io.jamesbounce.e2e;

import org.slf4j.Marker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Keeps out of the log (logback-test.xml) the leak reports of one kind only: a message copy made by James 3.8.1's
 * MemoryMailRepository when it stores a mail. That copy belongs to the repository, which forgets it without
 * disposing of it (remove(), removeAll(), a stopped server: MemoryMailRepository.java:61,71), so it is reported
 * once garbage-collected, in whichever test runs then. Nothing of ours holds it, nothing of ours can dispose of it.
 * The failsafe fork runs with advanced leak detection (pom.xml), so each report carries the stack that made the
 * resource: every other leak report, ours included, is logged as before, with that stack.
 */
public final class MemoryRepositoryLeaks extends TurboFilter {
    private static final String LEAK_LOGGER = "org.apache.james.lifecycle.api.Disposable$LeakAwareFinalizer";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level == Level.ERROR && logger.getName().equals(LEAK_LOGGER) && params != null && params.length == 2
            && madeByStore(String.valueOf(params[1]))) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }

    /** The first frame out of MailImpl.duplicate is the repository copying a mail it stores (not one it hands out). */
    static boolean madeByStore(String trace) {
        int duplicate = trace.indexOf("org.apache.james.server.core.MailImpl#duplicate:");
        if (duplicate < 0) {
            return false;
        }
        String[] frames = trace.substring(duplicate).split("\n");
        for (int i = 0; i + 1 < frames.length; i++) {
            if (!frames[i].contains("org.apache.james.server.core.MailImpl#duplicate:")) {
                return frames[i].contains("org.apache.james.mailrepository.memory.MemoryMailRepository#cloneMail:")
                    && frames[i + 1].contains("org.apache.james.mailrepository.memory.MemoryMailRepository#store:");
            }
        }
        return false;
    }
}
