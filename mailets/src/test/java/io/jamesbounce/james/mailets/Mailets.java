package io.jamesbounce.james.mailets;

import jakarta.mail.MessagingException;

import org.apache.mailet.Mailet;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;

final class Mailets {
    private Mailets() {
    }

    /** Initialises a mailet with parameters given as name, value, name, value... */
    static <T extends Mailet> T init(T mailet, FakeMailContext context, String... parameters) throws MessagingException {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName(mailet.getClass().getSimpleName()).mailetContext(context);
        for (int i = 0; i < parameters.length; i += 2) {
            config.setProperty(parameters[i], parameters[i + 1]);
        }
        mailet.init(config.build());
        return mailet;
    }
}
