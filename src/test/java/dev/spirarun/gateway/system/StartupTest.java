package dev.spirarun.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.spirarun.gateway.GatewayApplication;

/** A misconfigured deploy must refuse to start and say what to set — and never print the key. */
@ExtendWith(OutputCaptureExtension.class)
class StartupTest {

    @Test
    void refusesToStartWithoutSpiraUrlAndSaysWhatToSet(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(GatewayApplication.class)
                .properties("server.port=0", "spira.username=bot", "spira.api-key={SECRET-KEY-1234}")
                .run()).hasRootCauseInstanceOf(MissingSetting.class);
        assertThat(output.getAll()).contains("SPIRA_URL is not set").contains("SPRING_PROFILES_ACTIVE=demo")
                .doesNotContain("SECRET-KEY-1234");
    }

    @Test
    void refusesToStartWithoutApiKey(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(GatewayApplication.class)
                .properties("server.port=0", "spira.url=https://acme.spiraservice.net", "spira.username=bot")
                .run()).hasRootCauseInstanceOf(MissingSetting.class);
        assertThat(output.getAll()).contains("SPIRA_API_KEY is not set");
    }
}
