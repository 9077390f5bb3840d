package dev.spirarun.gateway.runs;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.spirarun.gateway.support.SpiraStub.json;
import static dev.spirarun.gateway.support.SpiraStub.path;
import static dev.spirarun.gateway.support.SpiraStub.savedEcho;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import dev.spirarun.gateway.support.Api;
import dev.spirarun.gateway.support.SlowSave;
import dev.spirarun.gateway.support.SpiraSaveEcho;
import dev.spirarun.gateway.support.GatewayHttpTest;
import tools.jackson.databind.json.JsonMapper;

/** Concurrent single runs of one group share shell calls and saves; each caller still gets its own answer. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spira.circuit-breaker.minimum-calls=1000", "spira.circuit-breaker.window-size=1000" })
class CoalescingEndToEndTest extends GatewayHttpTest {

    static final String PUT = path("projects/24/test-runs");

    @BeforeEach
    void stubs() {
        spira.stubFor(post(urlEqualTo(path("projects/24/test-runs/create?release_id=155"))).willReturn(json("shell-290.json")));
        spira.stubFor(put(urlEqualTo(PUT)).willReturn(savedEcho().withTransformers(SpiraSaveEcho.NAME, SlowSave.NAME)));
        SlowSave.holdMillis = 300;
    }

    static String body(int i, String steps) {
        return """
                { "projectId": 24, "testCaseId": 290, "releaseId": 155, "status": "PASSED", %s
                  "startedAt": "2026-11-30T09:%02d:00.000Z", "endedAt": "2026-11-30T09:%02d:30.000Z" }"""
                .formatted(steps, i, i);
    }

    @Test
    void concurrentRunsShareSavesAndEachCallerGetsItsOwnAnswer() throws Exception {
        int callers = 20;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Reply>> replies = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            for (int i = 0; i < callers; i++) {
                // Caller 7 names a step the test case does not have: only it gets a 422.
                String body = body(i, i == 7 ? "\"steps\": [ { \"position\": 9, \"status\": \"FAILED\" } ]," : "");
                replies.add(pool.submit(() -> {
                    start.await();
                    return api.post("/runs", body);
                }));
            }
            start.countDown();
        }
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < callers; i++) {
            Api.Reply reply = replies.get(i).get();
            if (i == 7) {
                assertThat(reply.status()).isEqualTo(422);
                continue;
            }
            assertThat(reply.status()).as("caller %d", i).isEqualTo(201);
            assertThat(reply.json().get("startedAt").asString()).isEqualTo("2026-11-30T09:%02d:00.000Z".formatted(i));
            ids.add(reply.json().get("testRunId").asLong());
        }
        assertThat(ids).hasSize(callers - 1);
        List<Integer> putSizes = spira.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getMethod().getName().equals("PUT"))
                .map(e -> JsonMapper.builder().build().readTree(e.getRequest().getBodyAsString()).size()).toList();
        assertThat(putSizes.stream().mapToInt(Integer::intValue).sum()).as("every valid run saved exactly once").isEqualTo(callers - 1);
        assertThat(putSizes.size()).as("far fewer saves than runs: %s", putSizes).isLessThanOrEqualTo(callers / 4);
    }

    @Test
    void aLoneRequestIsSentAtOnce() {
        Api.Reply reply = api.post("/runs", body(30, ""));
        assertThat(reply.status()).isEqualTo(201);
        spira.verify(1, com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor(urlEqualTo(PUT)));
    }
}
