package io.jamesbounce.it.harness;

import java.util.List;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.lib.DomainListConfiguration;
import org.apache.james.domainlist.memory.MemoryDomainList;
import org.apache.james.mailrepository.api.MailRepositoryFactory;
import org.apache.james.mailrepository.api.MailRepositoryUrlStore;
import org.apache.james.mailrepository.api.Protocol;
import org.apache.james.mailrepository.memory.MailRepositoryStoreConfiguration;
import org.apache.james.mailrepository.memory.MemoryMailRepository;
import org.apache.james.mailrepository.memory.MemoryMailRepositoryFactory;
import org.apache.james.mailrepository.memory.MemoryMailRepositoryUrlStore;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.memory.MemoryRecipientRewriteTable;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.memory.MemoryUsersRepository;
import org.apache.james.utils.GuiceProbe;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * Binds James' own 3.9.0 memory implementations (domains, users, recipient rewrite table, mail
 * repositories) where the memory application's Guice modules would, which Maven Central does not
 * serve at 3.9.0; plus the test mail queue.
 */
public class MemoryBackendModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(MemoryDomainList.class).in(Scopes.SINGLETON);
        bind(DomainList.class).to(MemoryDomainList.class);
        bind(MemoryRecipientRewriteTable.class).in(Scopes.SINGLETON);
        bind(RecipientRewriteTable.class).to(MemoryRecipientRewriteTable.class);

        bind(MemoryMailRepositoryUrlStore.class).in(Scopes.SINGLETON);
        bind(MailRepositoryUrlStore.class).to(MemoryMailRepositoryUrlStore.class);
        bind(MailRepositoryStoreConfiguration.Item.class).toProvider(() -> new MailRepositoryStoreConfiguration.Item(
            List.of(new Protocol("file"), new Protocol("memory")), MemoryMailRepository.class.getName(),
            new BaseHierarchicalConfiguration()));
        Multibinder.newSetBinder(binder(), MailRepositoryFactory.class).addBinding().to(MemoryMailRepositoryFactory.class);

        bind(TestMailQueueFactory.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), GuiceProbe.class).addBinding().to(HarnessProbe.class);
    }

    @Provides
    @Singleton
    MailQueueFactory<?> mailQueueFactory(TestMailQueueFactory factory) {
        return factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends MailQueue> mailQueueFactoryOfQueues(TestMailQueueFactory factory) {
        return factory;
    }

    @Provides
    @Singleton
    UsersRepository usersRepository(DomainList domainList) {
        return MemoryUsersRepository.withVirtualHosting(domainList);
    }

    @ProvidesIntoSet
    InitializationOperation configureDomainList(DomainListConfiguration configuration, MemoryDomainList domainList) {
        return InitilizationOperationBuilder.forClass(MemoryDomainList.class).init(() -> domainList.configure(configuration));
    }

    @ProvidesIntoSet
    InitializationOperation configureUsers(ConfigurationProvider configurationProvider, UsersRepository usersRepository) {
        return InitilizationOperationBuilder.forClass(MemoryUsersRepository.class)
            .init(() -> ((MemoryUsersRepository) usersRepository).configure(configurationProvider.getConfiguration("usersrepository")));
    }

    @ProvidesIntoSet
    InitializationOperation configureRrt(ConfigurationProvider configurationProvider, MemoryRecipientRewriteTable rrt) {
        return InitilizationOperationBuilder.forClass(MemoryRecipientRewriteTable.class)
            .init(() -> rrt.configure(configurationProvider.getConfiguration("recipientrewritetable")));
    }
}
