package io.jamesbounce.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import jakarta.mail.MessagingException;

import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.junit.jupiter.api.Test;

import io.jamesbounce.core.BounceAnalyzer;
import io.jamesbounce.core.model.ReportKind;
import io.jamesbounce.james.common.Fixtures;

class RouteUnrecognisedMailTest {
    private final RecordingBounceMetrics metrics = new RecordingBounceMetrics();

    private RouteUnrecognisedMail mailet(String... parameters) throws MessagingException {
        return Mailets.init(new RouteUnrecognisedMail(BounceAnalyzer.withDefaults(), metrics), FakeMailContext.defaultContext(), parameters);
    }

    @Test
    void anAutoReplyToABounceAddressShouldBeKeptApartAndCounted() throws Exception {
        FakeMail mail = Fixtures.bounceMail("auto-reply.eml", "bounces+frank=example.org@bounce.example.com");
        mail.setState("root");

        mailet().service(mail);

        assertThat(mail.getState()).isEqualTo("bounce-unrecognised");
        assertThat(metrics.unrecognised).containsExactly(ReportKind.AUTO_REPLY);
    }

    @Test
    void theProcessorShouldBeConfigurableAndRequired() throws Exception {
        RouteUnrecognisedMail mailet = mailet("processor", "kept-aside");

        assertThat(mailet.requiredProcessingState()).containsExactly(new ProcessingState("kept-aside"));
    }

    @Test
    void anUnknownParameterShouldBeRejectedByName() {
        assertThatThrownBy(() -> mailet("procesor", "x")).isInstanceOf(MessagingException.class).hasMessageContaining("procesor");
    }
}
