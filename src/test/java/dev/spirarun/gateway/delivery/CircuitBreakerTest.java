package dev.spirarun.gateway.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.spirarun.gateway.support.SpiraStub.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.spirarun.gateway.support.Api;
import dev.spirarun.gateway.support.GatewayHttpTest;
import dev.spirarun.gateway.support.SpiraStub;

/** With Spira down the breaker opens: calls stop, answers come at once with Retry-After, readiness stays UP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spira.retry.max-attempts=1", "spira.circuit-breaker.minimum-calls=3", "spira.circuit-breaker.window-size=5",
        "spira.circuit-breaker.open-for=30s" })
@ExtendWith(OutputCaptureExtension.class)
class CircuitBreakerTest extends GatewayHttpTest {

    @Test
    void opensAfterRepeatedFailuresAndThenAnswersFastWithoutCallingSpira(CapturedOutput output) {
        spira.stubFor(post(urlEqualTo(path("projects/24/test-runs/create?release_id=155")))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        String body = """
                { "projectId": 24, "testCaseId": 290, "releaseId": 155, "status": "PASSED",
                  "startedAt": "2026-11-30T08:00:00Z", "endedAt": "2026-11-30T08:01:00Z" }""";
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/runs", body).status()).isEqualTo(503);
        }
        spira.verify(3, postRequestedFor(anyUrl()));

        long started = System.nanoTime();
        Api.Reply fast = api.post("/runs", body);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(fast.status()).isEqualTo(503);
        assertThat(fast.header("Retry-After")).isEqualTo("30");
        assertThat(fast.json().get("type").asString()).endsWith("spira-unavailable");
        assertThat(fast.json().get("detail").asString()).contains("stopped calling");
        spira.verify(3, postRequestedFor(anyUrl()));
        assertThat(millis).as("answered without waiting for Spira").isLessThan(2000);
        assertThat(output.getAll()).contains("Spira circuit breaker: CLOSED -> OPEN");

        assertThat(api.get("/readyz").status()).isEqualTo(200);
        Api.Reply health = api.get("/actuator/health/spira");
        assertThat(health.json().get("details").get("circuitBreaker").asString()).isEqualTo("OPEN");
        assertThat(health.raw().body()).doesNotContain(SpiraStub.API_KEY);
    }
}
