package io.jamesbounce.it.harness;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;

public class TestMailQueueFactory implements MailQueueFactory<TestMailQueue> {
    private final ConcurrentHashMap<MailQueueName, TestMailQueue> queues = new ConcurrentHashMap<>();

    @Override
    public Optional<TestMailQueue> getQueue(MailQueueName name, PrefetchCount count) {
        return Optional.ofNullable(queues.get(name));
    }

    @Override
    public TestMailQueue createQueue(MailQueueName name, PrefetchCount count) {
        return queues.computeIfAbsent(name, TestMailQueue::new);
    }

    @Override
    public Set<MailQueueName> listCreatedMailQueues() {
        return Set.copyOf(queues.keySet());
    }
}
