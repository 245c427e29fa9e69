package io.jamesbounce.james.mailets;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.rates.RateSettings;
import io.jamesbounce.store.DomainRates;
import io.jamesbounce.store.MemoryDomainStatsRepository;

/**
 * What {@link ThrottleByDomainRate#service} costs per recipient, single-threaded, the mailet in
 * place (its recipient loop, domain normalisation, {@code decide} and {@code recordAttempt}):
 * single-recipient mails as VerpReturnPath leaves them, over 16 domains none throttled; mails of 10
 * recipients over 3 domains; and mails to a throttled domain (held: attribute and state set). A main,
 * not a test: it prints figures, it asserts nothing.
 *
 * <pre>
 * mvn -q -pl mailets test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp mailets/target/classes:mailets/target/test-classes:$(cat /tmp/cp.txt) io.jamesbounce.james.mailets.ThrottleByDomainRateBenchmark [millions]
 * </pre>
 */
public final class ThrottleByDomainRateBenchmark {
    private static final String[] DOMAINS = {"gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "orange.fr",
        "gmx.de", "web.de", "icloud.com", "example.com", "example.org", "aol.com", "free.fr", "laposte.net", "yandex.ru",
        "mail.ru", "qq.com"};

    private ThrottleByDomainRateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long mails = (args.length > 0 ? Long.parseLong(args[0]) : 5) * 1_000_000L;
        DomainRates rates = new DomainRates(new MemoryDomainStatsRepository(), RateSettings.defaults(), Clock.systemUTC());
        ThrottleByDomainRate mailet = Mailets.init(new ThrottleByDomainRate(rates, new RecordingQueues()), FakeMailContext.defaultContext());
        List<FakeMail> single = new ArrayList<>();
        for (String domain : DOMAINS) {
            single.add(mail(List.of("alice@" + domain)));
        }
        List<FakeMail> multi = new ArrayList<>();
        for (int m = 0; m < 16; m++) {
            List<String> recipients = new ArrayList<>();
            for (int r = 0; r < 10; r++) {
                recipients.add("u" + r + "@" + DOMAINS[(m + r % 3) & 15]);
            }
            multi.add(mail(recipients));
        }
        System.out.printf(Locale.ROOT, "JVM %s, %d cores%n", Runtime.version(), Runtime.getRuntime().availableProcessors());
        for (int round = 0; round < 3; round++) {
            run("warm-up", mailet, single, mails, 1);
            rates.flush();
        }
        run("1 recipient a mail, 16 domains, not throttled", mailet, single, mails, 1);
        rates.flush();
        run("10 recipients over 3 domains a mail, not throttled", mailet, multi, mails / 10, 10);
        rates.flush();

        for (int i = 0; i < 150; i++) {
            rates.recordAttempt("throttled.example");
        }
        for (int i = 0; i < 20; i++) {
            rates.recordBounce(AddressKey.of("u" + i + "@throttled.example"), Category.USER_UNKNOWN, Optional.empty(), DomainRates.ownDelivery(AddressKey.of("u" + i + "@throttled.example")));
        }
        rates.flush();
        rates.evaluate();
        List<FakeMail> held = List.of(mail(List.of("bob@throttled.example")));
        run("1 recipient a mail, throttled domain (held)", mailet, held, mails, 1);
    }

    private static FakeMail mail(List<String> recipients) throws Exception {
        FakeMail.Builder builder = FakeMail.builder().name("bench").sender("news@example.com").state("relay");
        for (String r : recipients) {
            builder.recipient(r);
        }
        return builder.build();
    }

    private static void run(String what, ThrottleByDomainRate mailet, List<FakeMail> mails, long count, int recipientsPerMail)
        throws Exception {
        int n = mails.size();
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            mailet.service(mails.get((int) (i % n)));
        }
        long elapsed = System.nanoTime() - start;
        System.out.printf(Locale.ROOT, "%-55s %6.1f ns/recipient (%d mails)%n", what,
            (double) elapsed / (count * recipientsPerMail), count);
    }
}
