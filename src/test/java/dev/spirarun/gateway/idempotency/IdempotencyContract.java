package dev.spirarun.gateway.idempotency;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.spirarun.gateway.support.SpiraStub.json;
import static dev.spirarun.gateway.support.SpiraStub.path;
import static dev.spirarun.gateway.support.SpiraStub.savedEcho;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;

import dev.spirarun.gateway.GatewayApplication;
import dev.spirarun.gateway.support.Api;
import dev.spirarun.gateway.support.GatewayHttpTest;
import dev.spirarun.gateway.support.MutableClock;
import dev.spirarun.gateway.support.SpiraStub;

/**
 * What every idempotency store must do, run against each of them: the embedded H2 file, the machine's
 * PostgreSQL and (with Docker) a PostgreSQL container.
 */
abstract class IdempotencyContract extends GatewayHttpTest {

    static final String SHELL = path("projects/24/test-runs/create?release_id=155");
    static final String PUT = path("projects/24/test-runs");
    static final String BODY = """
            { "projectId": 24, "testCaseId": 290, "releaseId": 155, "status": "PASSED",
              "startedAt": "2026-11-30T08:00:00.000Z", "endedAt": "2026-11-30T08:05:00.000Z" }""";

    /** Fast retries and no circuit breaker: the contract is about the store, not about Spira's health. */
    static void quietSpira(DynamicPropertyRegistry registry) {
        registry.add("spira.retry.initial-backoff", () -> "5ms");
        registry.add("spira.circuit-breaker.minimum-calls", () -> "1000");
        registry.add("spira.circuit-breaker.window-size", () -> "1000");
    }

    @Autowired
    MutableClock clock;

    /** Settings that point a second, separately started gateway at the same store. */
    abstract Map<String, Object> storeSettings();

    @BeforeEach
    void setUp() {
        spira.stubFor(post(urlEqualTo(SHELL)).willReturn(json("shell-290.json")));
        spira.stubFor(put(urlEqualTo(PUT)).willReturn(savedEcho()));
    }

    static Map<String, String> key(String key) {
        return Map.of("Idempotency-Key", key);
    }

    @Test
    void repeatWithTheSameKeyAndBodyGetsTheStoredResponseWithoutCallingSpira() {
        String key = UUID.randomUUID().toString();
        Api.Reply first = api.post("/runs", BODY, key(key));
        Api.Reply again = api.post("/runs", BODY, key(key));

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.raw().body()).isEqualTo(first.raw().body());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        spira.verify(1, postRequestedFor(anyUrl()));
        spira.verify(1, putRequestedFor(anyUrl()));
    }

    @Test
    void sameKeyWithAnotherBodyIs422AndCallsNothing() {
        String key = UUID.randomUUID().toString();
        api.post("/runs", BODY, key(key));

        Api.Reply other = api.post("/runs", BODY.replace("PASSED", "FAILED"), key(key));

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().get("type").asString()).endsWith("idempotency-key-reused");
        assertThat(other.json().get("detail").asString()).contains(key);
        spira.verify(1, putRequestedFor(anyUrl()));
    }

    @Test
    void concurrentRequestsWithOneKeyMakeExactlyOneRun() throws Exception {
        spira.stubFor(put(urlEqualTo(PUT)).willReturn(savedEcho().withFixedDelay(1500)));
        String key = UUID.randomUUID().toString();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Reply>> replies = new ArrayList<>();
        try (ExecutorService callers = Executors.newFixedThreadPool(6)) {
            for (int i = 0; i < 6; i++) {
                replies.add(callers.submit(() -> {
                    start.await();
                    return api.post("/runs", BODY, key(key));
                }));
            }
            start.countDown();
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Api.Reply> reply : replies) {
            Api.Reply r = reply.get();
            statuses.add(r.status());
            if (r.status() == 409) {
                assertThat(r.header("Retry-After")).isNotBlank();
                assertThat(r.json().get("type").asString()).endsWith("idempotency-in-progress");
            }
        }
        assertThat(statuses).containsOnly(201, 409).containsOnlyOnce(201);
        spira.verify(1, putRequestedFor(anyUrl()));
        assertThat(api.post("/runs", BODY, key(key)).status()).isEqualTo(201);
        spira.verify(1, putRequestedFor(anyUrl()));
    }

    @Test
    void anExpiredKeyRunsAgain() {
        String key = UUID.randomUUID().toString();
        api.post("/runs", BODY, key(key));
        clock.advance(Duration.ofHours(25));

        Api.Reply later = api.post("/runs", BODY, key(key));

        assertThat(later.status()).isEqualTo(201);
        assertThat(later.header("Idempotent-Replayed")).isNull();
        spira.verify(2, putRequestedFor(anyUrl()));
    }

    @Test
    void aFailureThatChangedNothingIsNotStoredSoTheRetryRuns() {
        spira.stubFor(post(urlEqualTo(SHELL)).willReturn(aResponse().withStatus(503)));
        String key = UUID.randomUUID().toString();
        assertThat(api.post("/runs", BODY, key(key)).status()).isEqualTo(503);

        spira.stubFor(post(urlEqualTo(SHELL)).willReturn(json("shell-290.json")));
        assertThat(api.post("/runs", BODY, key(key)).status()).isEqualTo(201);
        spira.verify(1, putRequestedFor(anyUrl()));
    }

    @Test
    void storedResponsesSurviveARestart() {
        String key = UUID.randomUUID().toString();
        String first;
        try (ConfigurableApplicationContext gateway = startGateway()) {
            first = new Api(port(gateway)).post("/runs", BODY, key(key)).raw().body();
        }
        try (ConfigurableApplicationContext restarted = startGateway()) {
            Api.Reply replay = new Api(port(restarted)).post("/runs", BODY, key(key));
            assertThat(replay.status()).isEqualTo(201);
            assertThat(replay.raw().body()).isEqualTo(first);
        }
        spira.verify(1, putRequestedFor(anyUrl()));
    }

    private ConfigurableApplicationContext startGateway() {
        Map<String, Object> settings = new java.util.HashMap<>(storeSettings());
        settings.putAll(Map.of("server.port", 0, "spira.url", spira.baseUrl(), "spira.username", SpiraStub.USERNAME,
                "spira.api-key", SpiraStub.API_KEY));
        // As command-line arguments: they outrank application.yml and the test JVM's system properties.
        return new SpringApplicationBuilder(GatewayApplication.class)
                .run(settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
