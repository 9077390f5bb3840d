package dev.spirarun.gateway.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.spirarun.gateway.support.SpiraStub.json;
import static dev.spirarun.gateway.support.SpiraStub.path;
import static dev.spirarun.gateway.support.SpiraStub.savedEcho;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import dev.spirarun.gateway.support.Api;
import dev.spirarun.gateway.support.SlowSave;
import dev.spirarun.gateway.support.GatewayHttpTest;

/**
 * At most {@code spira.max-concurrent-writes-per-project} saves in flight into one project; the overflow waits or
 * gets 503. Coalescing is off so that every request makes its own save.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "gateway.coalescing.enabled=false", "spira.max-concurrent-writes-per-project=3", "spira.write-queue-size=6",
        "spira.write-queue-timeout=5s",
        "spira.circuit-breaker.minimum-calls=1000", "spira.circuit-breaker.window-size=1000" })
class WriteConcurrencyTest extends GatewayHttpTest {

    @Test
    void neverMoreThanThreeSavesInFlightPerProjectAndTheOverflowGets503WithRetryAfter() throws Exception {
        spira.stubFor(post(urlEqualTo(path("projects/24/test-runs/create?release_id=155"))).willReturn(json("shell-290.json")));
        spira.stubFor(put(urlEqualTo(path("projects/24/test-runs"))).willReturn(savedEcho().withTransformers(
                dev.spirarun.gateway.support.SpiraSaveEcho.NAME, SlowSave.NAME)));
        SlowSave.holdMillis = 400;
        SlowSave.MAX_IN_FLIGHT.set(0);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Reply>> replies = new ArrayList<>();
        try (ExecutorService callers = Executors.newFixedThreadPool(24)) {
            for (int i = 0; i < 24; i++) {
                String body = """
                        { "projectId": 24, "testCaseId": 290, "releaseId": 155, "status": "PASSED",
                          "startedAt": "2026-11-30T08:%02d:00Z", "endedAt": "2026-11-30T08:%02d:30Z" }""".formatted(i, i);
                replies.add(callers.submit(() -> {
                    start.await();
                    return api.post("/runs", body);
                }));
            }
            start.countDown();
        }
        int created = 0;
        int busy = 0;
        for (Future<Api.Reply> reply : replies) {
            Api.Reply r = reply.get();
            if (r.status() == 201) {
                created++;
            } else {
                assertThat(r.status()).isEqualTo(503);
                assertThat(r.header("Retry-After")).isNotBlank();
                assertThat(r.json().get("type").asString()).endsWith("gateway-busy");
                busy++;
            }
        }
        assertThat(SlowSave.MAX_IN_FLIGHT.get()).isBetween(1, 3);
        assertThat(created + busy).isEqualTo(24);
        // 3 running + 6 queued are admitted at once; the rest are turned away without waiting.
        assertThat(created).isGreaterThanOrEqualTo(9);
        assertThat(busy).isGreaterThan(0);
    }
}
