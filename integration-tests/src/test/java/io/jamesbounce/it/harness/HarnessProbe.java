package io.jamesbounce.it.harness;

import jakarta.inject.Inject;

import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.utils.GuiceLoader;
import org.apache.james.utils.GuiceProbe;

/** What the test reaches inside the server: {@code server.getProbe(HarnessProbe.class)}. */
public class HarnessProbe implements GuiceProbe {
    public final TestMailQueueFactory queues;
    public final MailRepositoryStore repositories;
    /** James' loader for mailets, matchers and extension modules: it sees the extensions-jars. */
    public final GuiceLoader loader;

    @Inject
    HarnessProbe(TestMailQueueFactory queues, MailRepositoryStore repositories, GuiceLoader loader) {
        this.queues = queues;
        this.repositories = repositories;
        this.loader = loader;
    }
}
