package dev.spirarun.gateway.batch;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.spirarun.gateway.support.SpiraStub.html;
import static dev.spirarun.gateway.support.SpiraStub.json;
import static dev.spirarun.gateway.support.SpiraStub.path;
import static dev.spirarun.gateway.support.SpiraStub.savedEcho;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import dev.spirarun.gateway.support.Api;
import dev.spirarun.gateway.support.GatewayHttpTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /runs/batch} through real HTTP, counting and reading every call WireMock (as Spira) receives. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spira.retry.initial-backoff=5ms", "spira.circuit-breaker.minimum-calls=1000",
        "spira.circuit-breaker.window-size=1000" })
class BatchEndToEndTest extends GatewayHttpTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PUT = path("projects/24/test-runs");

    /** A valid run of test case 290; {@code minute} makes its timing unique. */
    static String run(int minute, String extra) {
        return """
                { "projectId": 24, "testCaseId": 290, "status": "PASSED", %s
                  "startedAt": "2026-11-30T08:%02d:00.000Z", "endedAt": "2026-11-30T08:%02d:30.000Z" }"""
                .formatted(extra, minute % 60, minute % 60);
    }

    static String batch(Stream<String> runs) {
        return "{ \"runs\": [" + String.join(",", runs.toList()) + "] }";
    }

    static List<JsonNode> puts() {
        return spira.getAllServeEvents().stream().filter(e -> e.getRequest().getMethod().getName().equals("PUT"))
                .sorted((a, b) -> a.getRequest().getLoggedDate().compareTo(b.getRequest().getLoggedDate()))
                .map(e -> JSON.readTree(e.getRequest().getBodyAsString())).toList();
    }

    @Test
    void homogeneousBatchOfTenMakesOneShellCallAndOnePut() {
        spira.stubFor(post(urlEqualTo(path("projects/24/test-runs/create?release_id=155"))).willReturn(json("shell-290.json")));
        spira.stubFor(put(urlEqualTo(PUT)).willReturn(savedEcho()));

        Api.Reply reply = api.post("/runs/batch", batch(IntStream.range(0, 10).mapToObj(i -> run(i, "\"releaseId\": 155,"))));

        assertThat(reply.status()).isEqualTo(200);
        spira.verify(1, postRequestedFor(anyUrl()).withRequestBody(equalToJson("[290]")));
        spira.verify(1, putRequestedFor(urlEqualTo(PUT)));
        assertThat(puts().getFirst()).hasSize(10);
        JsonNode results = reply.json().get("results");
        assertThat(results).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(results.get(i).get("index").asInt()).isEqualTo(i);
            assertThat(results.get(i).get("status").asInt()).isEqualTo(201);
            assertThat(results.get(i).get("run").get("startedAt").asString()).isEqualTo("2026-11-30T08:%02d:00.000Z".formatted(i));
        }
        assertThat(results.valueStream().map(r -> r.get("run").get("testRunId").asLong()).distinct()).hasSize(10);
    }

    @Test
    void mixedBatchAnswersEachItemAndSavesExactlyTheValidOnes() {
        spira.stubFor(post(urlEqualTo(path("projects/24/test-runs/create?release_id=155")))
                .withRequestBody(equalToJson("[290, 305, 304, 283]")).willReturn(json("shell-from-test-cases.json")));
        spira.stubFor(put(urlEqualTo(PUT)).willReturn(savedEcho()));
        String release = "\"releaseId\": 155,";

        Api.Reply reply = api.post("/runs/batch", batch(Stream.of(
                run(0, release),
                run(1, release).replace("\"projectId\": 24", "\"projectId\": 0"),
                run(2, release).replace("290", "305"),
                run(3, release).replace("290", "304"),
                run(4, release).replace("290", "283"),
                run(5, release).replace("\"testCaseId\": 290", "\"testCaseId\": \"two-ninety\""),
                run(6, release))));

        assertThat(reply.status()).isEqualTo(207);
        assertThat(reply.json().get("results").valueStream().map(r -> r.get("status").asInt()))
                .containsExactly(201, 400, 404, 422, 201, 400, 201);
        JsonNode results = reply.json().get("results");
        assertThat(results.get(1).get("problem").get("errors").get(0).get("field").asString()).isEqualTo("projectId");
        assertThat(results.get(2).get("problem").get("type").asString()).endsWith("test-case-not-found");
        assertThat(results.get(3).get("problem").get("type").asString()).endsWith("test-case-has-no-steps");
        assertThat(results.get(5).get("problem").get("errors").get(0).get("field").asString()).isEqualTo("testCaseId");
        assertThat(results.get(0).has("problem")).isFalse();
        spira.verify(1, postRequestedFor(anyUrl()));
        assertThat(puts()).hasSize(1);
        assertThat(puts().getFirst().valueStream().map(r -> r.get("TestCaseId").asLong())).containsExactly(290L, 283L, 290L);
    }

    @Test
    void runsOfDifferentReleasesAndTestSetsNeverShareAPut() {
        spira.stubFor(post(urlEqualTo(path("projects/24/test-runs/create?release_id=155"))).willReturn(json("shell-290.json")));
        spira.stubFor(post(urlEqualTo(path("projects/24/test-runs/create?release_id=156")))
                .willReturn(json("shell-290.json").withBody(SpiraStubs.shell290ForRelease(156))));
        spira.stubFor(post(urlEqualTo(path("projects/24/test-runs/create")))
                .willReturn(json("shell-290.json").withBody(SpiraStubs.shell290ForRelease(null))));
        spira.stubFor(post(urlEqualTo(path("projects/24/test-runs/create/test_set/10"))).willReturn(json("shell-from-test-set.json")));
        spira.stubFor(put(urlEqualTo(PUT)).willReturn(savedEcho()));

        Api.Reply reply = api.post("/runs/batch", batch(Stream.of(
                run(0, "\"releaseId\": 155,"), run(1, "\"releaseId\": 156,"), run(2, "\"testSetId\": 10,"), run(3, ""),
                run(4, "\"releaseId\": 155,"), run(5, "\"testSetId\": 10,"))));

        assertThat(reply.status()).isEqualTo(200);
        List<JsonNode> puts = puts();
        assertThat(puts).hasSize(4);
        for (JsonNode sent : puts) {
            assertThat(sent.valueStream().map(r -> r.path("ReleaseId").asString("none") + "/" + r.path("TestSetId").asString("none"))
                    .distinct()).hasSize(1);
        }
        assertThat(reply.json().get("results").get(2).get("run").get("testSetId").asLong()).isEqualTo(10);
        assertThat(reply.json().get("results").get(2).get("run").get("releaseId").asLong()).isEqualTo(156);
    }

    @Test
    void threeHundredRunsArriveCompleteInPutsOfAtMostAHundred() {
        spira.stubFor(post(urlEqualTo(path("projects/24/test-runs/create?release_id=155"))).willReturn(json("shell-290.json")));
        spira.stubFor(put(urlEqualTo(PUT)).willReturn(savedEcho()));

        Api.Reply reply = api.post("/runs/batch", batch(IntStream.range(0, 300).mapToObj(i ->
                run(i, "\"releaseId\": 155,").replace("08:", "%02d:".formatted(1 + i / 60)))));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(puts()).extracting(JsonNode::size).containsExactly(100, 100, 100);
        spira.verify(1, postRequestedFor(anyUrl()));
    }

    @Test
    void aRunSpiraRejectsFailsAloneAndEveryOtherRunIsSavedExactlyOnce() {
        spira.stubFor(post(urlEqualTo(path("projects/24/test-runs/create?release_id=155"))).willReturn(json("shell-290.json")));
        // All-or-nothing, as inferred: a rejected save stored none of its runs (the gateway checks before splitting).
        spira.stubFor(post(urlPathEqualTo(path("projects/24/test-cases/290/test-runs/search")))
                .willReturn(json("search-290.json").withBody("[]")));
        spira.stubFor(put(urlEqualTo(PUT)).atPriority(1).withRequestBody(matchingJsonPath("$[?(@.BuildId == 99)]"))
                .willReturn(html(400, "error-400-request-error.html")));
        spira.stubFor(put(urlEqualTo(PUT)).atPriority(5).willReturn(savedEcho()));

        Api.Reply reply = api.post("/runs/batch", batch(IntStream.range(0, 9).mapToObj(i ->
                run(i, i == 6 ? "\"releaseId\": 155, \"buildId\": 99," : "\"releaseId\": 155,"))));

        assertThat(reply.status()).isEqualTo(207);
        JsonNode results = reply.json().get("results");
        for (int i = 0; i < 9; i++) {
            assertThat(results.get(i).get("status").asInt()).as("item %d", i).isEqualTo(i == 6 ? 422 : 201);
        }
        assertThat(results.get(6).get("problem").get("detail").asString()).contains("foreign key");
        Map<String, Integer> saved = new HashMap<>();
        for (ServeEvent event : spira.getAllServeEvents()) {
            if (event.getRequest().getMethod().getName().equals("PUT") && event.getResponse().getStatus() == 200) {
                JSON.readTree(event.getRequest().getBodyAsString()).valueStream()
                        .forEach(r -> saved.merge(r.get("StartDate").asString(), 1, Integer::sum));
            }
        }
        assertThat(saved).hasSize(8).allSatisfy((start, times) -> assertThat(times).as(start).isEqualTo(1));
    }

    @Test
    void aForeignKeyFailureSharedByEveryRunIsAnsweredWithoutSplitting() {
        spira.stubFor(post(urlEqualTo(path("projects/24/test-runs/create?release_id=155"))).willReturn(json("shell-290.json")));
        spira.stubFor(post(urlPathEqualTo(path("projects/24/test-cases/290/test-runs/search")))
                .willReturn(json("search-290.json").withBody("[]")));
        spira.stubFor(put(urlEqualTo(PUT)).willReturn(html(400, "error-400-request-error.html")));

        Api.Reply reply = api.post("/runs/batch", batch(IntStream.range(0, 6).mapToObj(i ->
                run(i, "\"releaseId\": 155, \"buildId\": 99,"))));

        assertThat(reply.json().get("results").valueStream().map(r -> r.get("status").asInt())).containsOnly(422);
        spira.verify(1, putRequestedFor(urlEqualTo(PUT)));
    }

    @Test
    void malformedEnvelopesArePlain400sAndNeverReachSpira() {
        assertThat(api.post("/runs/batch", "not json").status()).isEqualTo(400);
        assertThat(api.post("/runs/batch", "{}").json().get("errors").get(0).get("field").asString()).isEqualTo("runs");
        Api.Reply tooMany = api.post("/runs/batch", batch(IntStream.range(0, 501).mapToObj(i -> run(i, ""))));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().get("detail").asString()).contains("500");
        assertThat(spira.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    /** Variants of the 290 shell for other releases. */
    static final class SpiraStubs {
        static String shell290ForRelease(Integer release) {
            return dev.spirarun.gateway.support.Fixtures.spira("shell-290.json")
                    .replace("\"ReleaseId\": 155", "\"ReleaseId\": " + release);
        }
    }
}
