package dev.spirarun.gateway.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.spirarun.gateway.support.SpiraStub.html;
import static dev.spirarun.gateway.support.SpiraStub.json;
import static dev.spirarun.gateway.support.SpiraStub.path;
import static dev.spirarun.gateway.support.SpiraStub.savedEcho;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

import dev.spirarun.gateway.support.Api;
import dev.spirarun.gateway.support.GatewayHttpTest;
import dev.spirarun.gateway.support.MutableClock;
import dev.spirarun.gateway.support.SpiraStub;

/**
 * A rejected key is a failed login in Spira, and a few lock the account: after one rejection the gateway stops
 * calling Spira for the pause, then lets one call try again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spira.credentials-pause=60s")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
@Import(MutableClock.Config.class)
@ExtendWith(OutputCaptureExtension.class)
class CredentialsPauseEndToEndTest extends GatewayHttpTest {

    static final String SHELL = path("projects/24/test-runs/create?release_id=155");
    static final String BODY = """
            { "projectId": 24, "testCaseId": 290, "releaseId": 155, "status": "PASSED",
              "startedAt": "2026-11-30T08:00:00Z", "endedAt": "2026-11-30T08:01:00Z" }""";

    @Autowired
    MutableClock clock;

    @Test
    void aRejectedKeyIsTriedOnceThenSpiraIsLeftAloneUntilThePauseEnds(CapturedOutput output) {
        spira.stubFor(post(urlEqualTo(SHELL)).willReturn(aResponse().withStatus(401)));

        Api.Reply first = api.post("/runs", BODY);

        assertThat(first.status()).isEqualTo(502);
        assertThat(first.json().get("type").asString()).endsWith("spira-credentials-rejected");
        assertThat(first.json().get("detail").asString()).contains("SPIRA_API_KEY").contains("SPIRA_USERNAME");
        assertThat(first.json().get("retrySafe").asBoolean()).as("nothing was saved").isTrue();
        assertThat(spira.findAll(anyRequestedFor(anyUrl()))).hasSize(1);

        clock.advance(Duration.ofSeconds(20));
        Api.Reply paused = api.post("/runs", BODY);
        Api.Reply batch = api.post("/runs/batch", "{ \"runs\": [" + BODY + "," + BODY.replace("155", "156") + "] }");

        assertThat(paused.status()).isEqualTo(502);
        assertThat(paused.json().get("type").asString()).endsWith("spira-credentials-rejected");
        assertThat(paused.json().get("detail").asString()).contains("did not try").contains("again in 40 s");
        assertThat(paused.header("Retry-After")).isEqualTo("40");
        assertThat(batch.json().get("results").valueStream().map(r -> r.get("problem").get("type").asString()))
                .allMatch(type -> type.endsWith("spira-credentials-rejected")).hasSize(2);
        assertThat(spira.findAll(anyRequestedFor(anyUrl()))).as("no further failed login").hasSize(1);
        Api.Reply health = api.get("/actuator/health/spira");
        assertThat(health.json().get("status").asString()).isEqualTo("DOWN");
        assertThat(health.json().get("details").get("credentials").asString()).contains("paused");
        assertThat(api.get("/readyz").status()).as("the pods stay in service to explain the problem").isEqualTo(200);

        // The key is fixed in Spira (for example the account was unlocked): after the pause one call goes through.
        spira.stubFor(post(urlEqualTo(SHELL)).willReturn(json("shell-290.json")));
        spira.stubFor(put(urlEqualTo(path("projects/24/test-runs"))).willReturn(savedEcho()));
        clock.advance(Duration.ofSeconds(41));

        assertThat(api.post("/runs", BODY).status()).isEqualTo(201);
        assertThat(api.get("/actuator/health/spira").json().get("status").asString()).isEqualTo("UP");
        assertThat(output.getAll()).contains("no call goes to Spira for 60 s").contains("calls to Spira resume")
                .doesNotContain(SpiraStub.API_KEY).doesNotContain("7A05FD06");
    }

    @Test
    void anAccessDeniedPageCountsAsARejectedKeyAndAFailedProbePausesAgain() {
        spira.stubFor(post(urlEqualTo(SHELL)).willReturn(html(400, "error-400-access-denied.html")));

        Api.Reply first = api.post("/runs", BODY);
        assertThat(first.status()).isEqualTo(502);
        assertThat(first.json().get("type").asString()).endsWith("spira-credentials-rejected");
        assertThat(first.raw().body()).doesNotContain("<html").doesNotContain(SpiraStub.API_KEY);

        clock.advance(Duration.ofSeconds(61));
        assertThat(api.post("/runs", BODY).status()).as("the probe, rejected again").isEqualTo(502);
        assertThat(spira.findAll(anyRequestedFor(anyUrl()))).hasSize(2);

        clock.advance(Duration.ofSeconds(30));
        Api.Reply paused = api.post("/runs", BODY);
        assertThat(paused.header("Retry-After")).isEqualTo("30");
        assertThat(spira.findAll(anyRequestedFor(anyUrl()))).hasSize(2);
    }
}
