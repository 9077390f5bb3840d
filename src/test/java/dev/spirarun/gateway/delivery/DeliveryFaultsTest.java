package dev.spirarun.gateway.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
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
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.http.Fault;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.spirarun.gateway.support.Api;
import dev.spirarun.gateway.support.Fixtures;
import dev.spirarun.gateway.support.GatewayHttpTest;

import tools.jackson.databind.JsonNode;

/**
 * A save whose outcome is unknown is reconciled, never blindly repeated. "Committed" below means the stub
 * received the save and Spira would have stored it: the search then finds the run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spira.save-timeout=1s", "spira.save-settle-time=300ms", "spira.read-timeout=2s", "spira.retry.initial-backoff=5ms",
        "spira.retry.max-attempts=3",
        "spira.circuit-breaker.minimum-calls=1000", "spira.circuit-breaker.window-size=1000" })
@ExtendWith(OutputCaptureExtension.class)
class DeliveryFaultsTest extends GatewayHttpTest {

    static final String SHELL = path("projects/24/test-runs/create?release_id=155");
    static final String PUT = path("projects/24/test-runs");
    static final String SEARCH = path("projects/24/test-cases/290/test-runs/search");
    static final String READ = path("projects/24/test-runs/50000/manual");
    /** The run in search-290.json / run-50000.json: same timing, tester, release and step outcomes. */
    static final String BODY = """
            { "projectId": 24, "testCaseId": 290, "releaseId": 155,
              "startedAt": "2026-11-30T10:00:00.000+02:00", "endedAt": "2026-11-30T10:05:30.250+02:00",
              "status": "PASSED", "steps": [ { "position": 2, "status": "FAILED", "actualResult": "Login rejected" } ] }""";

    @BeforeEach
    void setUp() {
        spira.stubFor(post(urlEqualTo(SHELL)).willReturn(json("shell-290.json")));
        spira.stubFor(get(urlEqualTo(READ)).willReturn(json("run-50000.json")));
    }

    void committed() {
        spira.stubFor(post(urlPathEqualTo(SEARCH)).willReturn(json("search-290.json")));
    }

    void notCommitted() {
        spira.stubFor(post(urlPathEqualTo(SEARCH)).willReturn(json("search-290.json").withBody("[]")));
    }

    @Test
    void responseLostAfterCommitIsReconciledToTheStoredRun(CapturedOutput output) {
        spira.stubFor(put(urlEqualTo(PUT)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        committed();

        Api.Reply reply = api.post("/runs", BODY);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().get("testRunId").asLong()).isEqualTo(50000);
        spira.verify(1, putRequestedFor(anyUrl()));
        assertThat(output.getAll()).contains("reconciling").contains("project 24").contains("290")
                .contains("Reconciled: test case 290 in project 24 was saved as run 50000");
        // Spira may still be committing after the connection broke: the search waits the settle time (300 ms).
        long put = firstLogged("PUT", PUT);
        long search = firstLogged("POST", SEARCH);
        assertThat(search - put).isGreaterThanOrEqualTo(300);
    }

    static long firstLogged(String method, String pathPrefix) {
        return spira.getAllServeEvents().stream().filter(e -> e.getRequest().getMethod().getName().equals(method)
                && e.getRequest().getUrl().startsWith(pathPrefix))
                .mapToLong(e -> e.getRequest().getLoggedDate().getTime()).min().orElseThrow();
    }

    /** Item {@code i} of a batch: {@link #BODY} with its own timing. */
    static String item(int i) {
        return BODY.replace("2026-11-30T10:00:00.000+02:00", start(i)).replace("2026-11-30T10:05:30.250+02:00", end(i));
    }

    static String batch(List<String> items) {
        return "{ \"runs\": [" + String.join(",", items) + "] }";
    }

    /** Spira stored item {@code i} as run {@code id}: its read is stubbed; answers its search entry (without steps). */
    static String storedRun(long id, int i) {
        String stored = Fixtures.spira("run-50000.json").replace("50000", String.valueOf(id))
                .replace("2026-11-30T08:00:00.000Z", start(i)).replace("2026-11-30T08:05:30.250Z", end(i));
        spira.stubFor(get(urlEqualTo(path("projects/24/test-runs/" + id + "/manual")))
                .willReturn(json("run-50000.json").withBody(stored)));
        return stored.replaceAll("(?s),\\s*\"TestRunSteps\".*\\]\\s*\\}\\s*$", "}");
    }

    /** The test case's run search answers these entries. */
    static void searchFinds(List<String> entries) {
        spira.stubFor(post(urlPathEqualTo(SEARCH)).willReturn(json("search-290.json").withBody("[" + String.join(",", entries) + "]")));
    }

    private static String start(int i) {
        return "2026-11-30T08:0%d:00.000Z".formatted(i);
    }

    private static String end(int i) {
        return "2026-11-30T08:0%d:30.250Z".formatted(i + 5);
    }

    @Test
    void aLostBatchSaveIsReconciledWithOneSearchForAllRunsOfATestCase() {
        spira.stubFor(put(urlEqualTo(PUT)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        List<String> search = new ArrayList<>();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            search.add(storedRun(50010 + i, i));
            items.add(item(i));
        }
        searchFinds(search);

        Api.Reply reply = api.post("/runs/batch", batch(items));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("results").valueStream().map(r -> r.get("run").get("testRunId").asLong()))
                .containsExactly(50010L, 50011L, 50012L);
        spira.verify(1, putRequestedFor(anyUrl()));
        spira.verify(1, postRequestedFor(urlPathEqualTo(SEARCH)));
    }

    /**
     * All-or-nothing is only inferred: if Spira stored the runs before the one whose insert failed, the gateway must
     * find them instead of splitting and sending them again.
     */
    @Test
    void aSaveRejectedHalfwayIsCheckedBeforeAnythingIsSentAgain() {
        rejectedHalfway(false);
    }

    /** The same when every run has the failing build ID, as in a CI batch: looked for, then failed without splitting. */
    @Test
    void aSaveRejectedHalfwayOnASharedBuildIsCheckedToo() {
        rejectedHalfway(true);
    }

    void rejectedHalfway(boolean everyRunHasTheBadBuild) {
        spira.stubFor(put(urlEqualTo(PUT)).withRequestBody(matchingJsonPath("$[?(@.BuildId == 99)]"))
                .willReturn(html(400, "error-400-request-error.html")));
        List<String> search = new ArrayList<>();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            boolean badBuild = everyRunHasTheBadBuild || i == 2;
            items.add(badBuild ? item(i).replace("\"releaseId\": 155,", "\"releaseId\": 155, \"buildId\": 99,") : item(i));
            if (i < 2) { // the first two were stored before the third failed
                search.add(storedRun(50020 + i, i));
            }
        }
        searchFinds(search);

        Api.Reply reply = api.post("/runs/batch", batch(items));

        assertThat(reply.status()).isEqualTo(207);
        JsonNode results = reply.json().get("results");
        assertThat(results.get(0).get("run").get("testRunId").asLong()).isEqualTo(50020);
        assertThat(results.get(1).get("run").get("testRunId").asLong()).isEqualTo(50021);
        assertThat(results.get(2).get("status").asInt()).isEqualTo(422);
        assertThat(results.get(2).get("problem").get("detail").asString()).contains("foreign key");
        spira.verify(1, putRequestedFor(anyUrl()));
    }

    @Test
    void aShellCallChosenAsDeadlockVictimIsRetried() {
        spira.stubFor(post(urlEqualTo(SHELL)).inScenario("victim").whenScenarioStateIs("Started")
                .willReturn(html(400, "error-400-deadlock.html")).willSetStateTo("clear"));
        spira.stubFor(post(urlEqualTo(SHELL)).inScenario("victim").whenScenarioStateIs("clear").willReturn(json("shell-290.json")));
        spira.stubFor(put(urlEqualTo(PUT)).willReturn(json("put-response.json")));

        assertThat(api.post("/runs", BODY).status()).isEqualTo(201);
        spira.verify(2, postRequestedFor(urlEqualTo(SHELL)));
    }

    @Test
    void aShellCallThatKeepsDeadlockingIs503AndSafeToRetryNotARejection() {
        spira.stubFor(post(urlEqualTo(SHELL)).willReturn(html(400, "error-400-deadlock.html")));

        Api.Reply reply = api.post("/runs", BODY);

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.json().get("type").asString()).endsWith("spira-unavailable");
        assertThat(reply.json().get("retrySafe").asBoolean()).isTrue();
        assertThat(reply.header("Retry-After")).isNotNull();
        assertThat(reply.json().get("detail").asString()).contains("deadlock").doesNotContain("<");
        spira.verify(3, postRequestedFor(urlEqualTo(SHELL)));
        spira.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void saveLostBeforeCommitIsSentOnceMore() {
        spira.stubFor(put(urlEqualTo(PUT)).inScenario("lost").whenScenarioStateIs("Started")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("back"));
        spira.stubFor(put(urlEqualTo(PUT)).inScenario("lost").whenScenarioStateIs("back").willReturn(json("put-response.json")));
        notCommitted();

        Api.Reply reply = api.post("/runs", BODY);

        assertThat(reply.status()).isEqualTo(201);
        spira.verify(2, putRequestedFor(anyUrl()));
    }

    @Test
    void commitFollowedByAStallPastTheTimeoutIsReconciled() {
        spira.stubFor(put(urlEqualTo(PUT)).willReturn(json("put-response.json").withFixedDelay(2500)));
        committed();

        Api.Reply reply = api.post("/runs", BODY);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().get("testRunId").asLong()).isEqualTo(50000);
        spira.verify(1, putRequestedFor(anyUrl()));
    }

    @Test
    void deadlockReportedAfterCommitIsReconciled() {
        spira.stubFor(put(urlEqualTo(PUT)).willReturn(html(400, "error-400-deadlock.html")));
        committed();

        assertThat(api.post("/runs", BODY).status()).isEqualTo(201);
        spira.verify(1, putRequestedFor(anyUrl()));
    }

    @Test
    void anUnfamiliar400AfterCommitIsReconciledNotRepeated() {
        spira.stubFor(put(urlEqualTo(PUT)).willReturn(html(400, "error-500-request-error.html")
                .withBody(dev.spirarun.gateway.support.Fixtures.spira("error-400-deadlock.html")
                        .replaceAll("The exception message is '[^']*'", "The exception message is 'Lock request time out period exceeded.'"))));
        committed();

        assertThat(api.post("/runs", BODY).status()).isEqualTo(201);
        spira.verify(1, putRequestedFor(anyUrl()));
    }

    @Test
    void anUnfamiliar400WithNothingStoredIsTheRunsOwn422() {
        spira.stubFor(put(urlEqualTo(PUT)).willReturn(html(400, "error-500-request-error.html")));
        notCommitted();

        Api.Reply reply = api.post("/runs", BODY);

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("type").asString()).endsWith("rejected-by-spira");
        spira.verify(1, putRequestedFor(anyUrl()));
        spira.verify(1, postRequestedFor(urlPathEqualTo(SEARCH)));
    }

    @Test
    void stillUnknownAfterTheSecondSaveSaysPlainlyThatARetryIsNotSafe() {
        spira.stubFor(put(urlEqualTo(PUT)).willReturn(html(500, "error-500-request-error.html")));
        notCommitted();

        Api.Reply reply = api.post("/runs", BODY);

        assertThat(reply.status()).isEqualTo(502);
        assertThat(reply.json().get("type").asString()).endsWith("save-outcome-unknown");
        assertThat(reply.json().get("retrySafe").asBoolean()).isFalse();
        assertThat(reply.json().get("detail").asString()).contains("NOT safe").contains("sent it twice");
        spira.verify(2, putRequestedFor(anyUrl()));
    }

    @Test
    void searchFailingDuringReconciliationIsA5xxThatSaysNobodyKnows() {
        spira.stubFor(put(urlEqualTo(PUT)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        spira.stubFor(post(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(503)));

        Api.Reply reply = api.post("/runs", BODY);

        assertThat(reply.status()).isEqualTo(502);
        assertThat(reply.json().get("detail").asString()).contains("does not know whether the run exists");
        assertThat(reply.json().get("retrySafe").asBoolean()).isFalse();
        spira.verify(1, putRequestedFor(anyUrl()));
    }

    @Test
    void aCleanRejectionIsNeverReconciledOrRepeated() {
        spira.stubFor(put(urlEqualTo(PUT)).willReturn(html(400, "error-400-request-error.html")));

        assertThat(api.post("/runs", BODY).status()).isEqualTo(422);
        spira.verify(1, putRequestedFor(anyUrl()));
        spira.verify(0, postRequestedFor(urlPathEqualTo(SEARCH)));
    }

    @Test
    void saveTurnedAwayWith429IsA503WithSpirasRetryAfterAndNeitherSplitNorReconciled() {
        spira.stubFor(put(urlEqualTo(PUT)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));

        Api.Reply reply = api.post("/runs", BODY);

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.header("Retry-After")).isEqualTo("7");
        assertThat(reply.json().get("retrySafe").asBoolean()).isTrue();
        spira.verify(1, putRequestedFor(anyUrl()));
        spira.verify(0, postRequestedFor(urlPathEqualTo(SEARCH)));
    }

    @Test
    void shellTimeoutIsRetriedThenA504ThatSaysARetryIsSafe() {
        spira.stubFor(post(urlEqualTo(SHELL)).willReturn(json("shell-290.json").withFixedDelay(2500)));

        Api.Reply reply = api.post("/runs", BODY);

        assertThat(reply.status()).isEqualTo(504);
        assertThat(reply.json().get("retrySafe").asBoolean()).isTrue();
        spira.verify(3, postRequestedFor(urlEqualTo(SHELL)));
        spira.verify(0, putRequestedFor(anyUrl()));
    }
}
