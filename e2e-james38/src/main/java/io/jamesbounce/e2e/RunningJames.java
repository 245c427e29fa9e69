package io.jamesbounce.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.james.FakeSearchMailboxModule;
import org.apache.james.GuiceJamesServer;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.utils.GuiceProbe;
import org.apache.james.utils.MailRepositoryProbeImpl;
import org.apache.mailet.Mail;

import com.google.inject.multibindings.Multibinder;

/**
 * The full James 3.8.1 memory server (SMTP, IMAP off, RemoteDelivery, WebAdmin) started in this JVM on a
 * {@link JamesWorkspace}, as {@code MemoryJamesServerMain} starts it, the extension loaded from
 * {@code extensions-jars/}.
 */
public final class RunningJames implements AutoCloseable {
    private final JamesWorkspace workspace;
    private final GuiceJamesServer server;
    private final Duration bootTime;

    private RunningJames(JamesWorkspace workspace, GuiceJamesServer server, Duration bootTime) {
        this.workspace = workspace;
        this.server = server;
        this.bootTime = bootTime;
    }

    public static RunningJames start(JamesWorkspace workspace) throws Exception {
        MemoryJamesConfiguration configuration = MemoryJamesConfiguration.builder()
            .workingDirectory(workspace.directory().toFile())
            .build();
        GuiceJamesServer server = MemoryJamesServerMain.createServer(configuration)
            .combineWith(new FakeSearchMailboxModule(),
                binder -> Multibinder.newSetBinder(binder, GuiceProbe.class).addBinding().to(ExtensionLoaderProbe.class));
        long start = System.nanoTime();
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new RunningJames(workspace, server, Duration.ofNanos(System.nanoTime() - start));
    }

    public JamesWorkspace workspace() {
        return workspace;
    }

    public Duration bootTime() {
        return bootTime;
    }

    /** The suppression list and event history the extension's mailets use. */
    public ExtensionStore store() {
        ExtensionLoaderProbe probe = server.getProbe(ExtensionLoaderProbe.class);
        return ExtensionStore.of(probe::instantiate);
    }

    /** The untrusted events the extension kept for an address (in James' memory): reason, detail, the event. */
    public List<Map<String, String>> untrustedEvents(String address) {
        return ExtensionStore.untrustedEvents(server.getProbe(ExtensionLoaderProbe.class)
            .instantiate("io.jamesbounce.store.UntrustedEventLog"), address);
    }

    /** How many readings of a message the extension's analyzer saved by remembering its recent reports. */
    public long analyzerReadingsSaved() {
        Object analyzer = server.getProbe(ExtensionLoaderProbe.class).instantiate("io.jamesbounce.core.BounceAnalyzer");
        try {
            return (long) analyzer.getClass().getMethod("readingsSaved").invoke(analyzer);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The state this server's rate monitor holds for {@code domain} ({@code NORMAL}, {@code THROTTLED}...). */
    public String domainState(String domain) {
        Object rates = server.getProbe(ExtensionLoaderProbe.class).instantiate("io.jamesbounce.store.DomainRates");
        try {
            Object monitor = rates.getClass().getMethod("monitor").invoke(rates);
            return monitor.getClass().getMethod("stateOf", String.class).invoke(monitor, domain).toString();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What {@code reading} says of each mail of the repositories whose URL contains {@code name}, read in this JVM;
     * each mail read is disposed of after. Not through WebAdmin: James 3.8.1's {@code GET /mailRepositories/.../mails/KEY}
     * never disposes of the copy it reads (MailRepositoryStoreService.retrieveMail disposes of the Optional, which does
     * nothing), so each mail read there is reported as a leak once it is garbage-collected.
     */
    public <T> List<T> repositoryMails(String name, Function<Mail, T> reading) {
        MailRepositoryProbeImpl repositories = server.getProbe(MailRepositoryProbeImpl.class);
        List<T> read = new ArrayList<>();
        try {
            for (MailRepositoryUrl url : repositories.listRepositoryUrls()) {
                if (!url.asString().contains(name)) {
                    continue;
                }
                for (MailKey key : repositories.listMailKeys(url)) {
                    Mail mail = repositories.getMail(url, key);
                    if (mail != null) {
                        try {
                            read.add(reading.apply(mail));
                        } finally {
                            LifecycleUtil.dispose(mail);
                        }
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the repositories " + name, e);
        }
        return read;
    }

    @Override
    public void close() {
        server.stop();
    }
}
