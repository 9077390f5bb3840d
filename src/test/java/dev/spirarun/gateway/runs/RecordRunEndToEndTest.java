package dev.spirarun.gateway.runs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.spirarun.gateway.support.SpiraStub.html;
import static dev.spirarun.gateway.support.SpiraStub.json;
import static dev.spirarun.gateway.support.SpiraStub.jsonError;
import static dev.spirarun.gateway.support.SpiraStub.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.spirarun.gateway.support.Api;
import dev.spirarun.gateway.support.Fixtures;
import dev.spirarun.gateway.support.GatewayHttpTest;
import dev.spirarun.gateway.support.SpiraStub;

/** {@code POST /runs} and {@code GET /runs/..} through real HTTP into WireMock playing Spira. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spira.retry.initial-backoff=5ms", "spira.circuit-breaker.minimum-calls=1000",
        "spira.circuit-breaker.window-size=1000" })
@ExtendWith(OutputCaptureExtension.class)
class RecordRunEndToEndTest extends GatewayHttpTest {

    static final String SHELL_290 = path("projects/24/test-runs/create?release_id=155");
    static final String PUT = path("projects/24/test-runs");

    static final String EXAMPLE = """
            { "projectId": 24, "testCaseId": 290, "releaseId": 155,
              "startedAt": "2026-11-30T10:00:00.000+02:00", "endedAt": "2026-11-30T10:05:30.250+02:00",
              "status": "PASSED",
              "steps": [ { "position": 2, "status": "FAILED", "actualResult": "Login rejected" } ] }""";

    @Test
    void postRunPutsExactlyTheMergedShellAndAnswersWhatSpiraStored() {
        spira.stubFor(post(urlEqualTo(SHELL_290)).willReturn(json("shell-290.json")));
        spira.stubFor(put(urlEqualTo(PUT)).willReturn(json("put-response.json")));

        Api.Reply reply = api.post("/runs", EXAMPLE);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.header("Location")).isEqualTo("/runs/24/50000");
        assertThat(reply.json().get("testRunId").asLong()).isEqualTo(50000);
        assertThat(reply.json().get("status").asString()).isEqualTo("FAILED");
        assertThat(reply.json().get("startedAt").asString()).isEqualTo("2026-11-30T08:00:00.000Z");
        assertThat(reply.json().get("endedAt").asString()).isEqualTo("2026-11-30T08:05:30.250Z");
        assertThat(reply.json().get("steps").get(1).get("testRunStepId").asLong()).isEqualTo(900001);
        assertThat(reply.json().get("steps").get(1).get("actualResult").asString()).isEqualTo("Login rejected");
        assertThat(reply.json().get("spiraUrl").asString()).isEqualTo(spira.baseUrl() + "/24/TestRun/50000.aspx");

        spira.verify(1, postRequestedFor(urlEqualTo(SHELL_290)).withRequestBody(equalToJson("[290]")));
        // Strict: no extra property, so no null and no run-level ExecutionStatusId; dates in UTC with Z.
        spira.verify(1, putRequestedFor(urlEqualTo(PUT))
                .withRequestBody(equalToJson(Fixtures.spira("put-expected-290.json"), false, false)));
        for (LoggedRequest request : spira.findAll(anyRequestedFor(anyUrl()))) {
            assertThat(request.getHeader("Accept")).isEqualTo("application/json");
            assertThat(request.getHeader("Content-Type")).startsWith("application/json");
            assertThat(request.getHeader("username")).isEqualTo(SpiraStub.USERNAME);
            assertThat(request.getHeader("api-key")).isEqualTo(SpiraStub.API_KEY);
            assertThat(request.getUrl()).doesNotContain("api-key").doesNotContain("api_key");
        }
    }

    @Test
    void runWithoutReleaseCallsTheShellWithoutReleaseId() {
        spira.stubFor(post(urlEqualTo(path("projects/24/test-runs/create"))).willReturn(json("shell-290.json")));
        spira.stubFor(put(urlEqualTo(PUT)).willReturn(json("put-response.json")));

        Api.Reply reply = api.post("/runs", EXAMPLE.replace("\"releaseId\": 155,", ""));

        assertThat(reply.status()).isEqualTo(201);
        spira.verify(1, postRequestedFor(urlEqualTo(path("projects/24/test-runs/create"))));
    }

    @Test
    void overridesNameTesterAndBuildWhenGiven() {
        spira.stubFor(post(urlEqualTo(SHELL_290)).willReturn(json("shell-290.json")));
        spira.stubFor(put(urlEqualTo(PUT)).willReturn(json("put-response.json")));

        api.post("/runs", EXAMPLE.replace("\"releaseId\": 155,", "\"releaseId\": 155, \"name\": \"Nightly\", \"testerId\": 8, \"buildId\": 12,"));

        spira.verify(putRequestedFor(urlEqualTo(PUT)).withRequestBody(equalToJson(
                "[{\"Name\": \"Nightly\", \"TesterId\": 8, \"BuildId\": 12}]", false, true)));
    }

    @Test
    void unknownTestCaseLeftOutOfTheShellIs404AndNothingIsSaved() {
        spira.stubFor(post(urlEqualTo(SHELL_290)).willReturn(html(400, "error-400-no-test-case.html")));

        Api.Reply reply = api.post("/runs", EXAMPLE);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).isEqualTo("application/problem+json");
        assertThat(reply.json().get("type").asString()).isEqualTo("urn:spira-run-gateway:problem:test-case-not-found");
        assertThat(reply.json().get("detail").asString()).contains("290").contains("project 24");
        spira.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void shellAnsweringWithoutTheRequestedCaseIs404() {
        // Spira silently leaves out cases it will not run: here it answers for another case only.
        spira.stubFor(post(urlEqualTo(SHELL_290)).willReturn(json("shell-304.json")));

        assertThat(api.post("/runs", EXAMPLE).status()).isEqualTo(404);
        spira.verify(0, putRequestedFor(anyUrl()));
    }

    /** That Spira keeps a step-less run as N/A is inferred; where it derives Not Run and deletes it, say so. */
    @Test
    void steplessRunThatSpiraDeletesIs422WithWhatToChange() {
        spira.stubFor(post(urlEqualTo(SHELL_290)).willReturn(json("shell-304.json")));
        spira.stubFor(put(urlEqualTo(PUT)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(Fixtures.spira("shell-304.json").replace("\"TestRunId\": 0", "\"TestRunId\": 50001"))));

        Api.Reply reply = api.post("/runs", """
                { "projectId": 24, "testCaseId": 304, "releaseId": 155, "status": "NOT_APPLICABLE",
                  "startedAt": "2026-11-30T10:00:00Z", "endedAt": "2026-11-30T10:01:00Z" }""");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("type").asString()).endsWith("test-case-has-no-steps");
        assertThat(reply.json().get("detail").asString()).contains("deleted it").contains("50001")
                .contains("Add a step to the test case");
    }

    @Test
    void steplessTestCaseWithNullStepsIsSavedAsNotApplicable() {
        String shell = path("projects/24/test-runs/create?release_id=155");
        spira.stubFor(post(urlEqualTo(shell)).willReturn(json("shell-304.json")));
        spira.stubFor(put(urlEqualTo(PUT)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(Fixtures.spira("shell-304.json").replace("\"TestRunId\": 0", "\"TestRunId\": 50001")
                        .replace("\"ExecutionStatusId\": 3", "\"ExecutionStatusId\": 4"))));

        Api.Reply reply = api.post("/runs", """
                { "projectId": 24, "testCaseId": 304, "releaseId": 155, "status": "NOT_APPLICABLE",
                  "startedAt": "2026-11-30T10:00:00Z", "endedAt": "2026-11-30T10:01:00Z" }""");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().get("status").asString()).isEqualTo("NOT_APPLICABLE");
        LoggedRequest sent = spira.findAll(putRequestedFor(urlEqualTo(PUT))).getFirst();
        assertThat(sent.getBodyAsString()).doesNotContain("TestRunSteps").doesNotContain("null")
                .doesNotContain("ExecutionStatusId");
    }

    @Test
    void steplessTestCaseWithAnotherOutcomeIs422BeforeAnySave() {
        spira.stubFor(post(urlEqualTo(SHELL_290)).willReturn(json("shell-304.json")));

        Api.Reply reply = api.post("/runs", """
                { "projectId": 24, "testCaseId": 304, "releaseId": 155, "status": "PASSED",
                  "startedAt": "2026-11-30T10:00:00Z", "endedAt": "2026-11-30T10:01:00Z" }""");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("type").asString()).endsWith("test-case-has-no-steps");
        spira.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void runThatWouldDeriveToNotRunIsStoppedBeforeThePut() {
        spira.stubFor(post(urlEqualTo(SHELL_290)).willReturn(json("shell-290.json")));

        Api.Reply reply = api.post("/runs", """
                { "projectId": 24, "testCaseId": 290, "releaseId": 155,
                  "startedAt": "2026-11-30T10:00:00Z", "endedAt": "2026-11-30T10:01:00Z",
                  "steps": [ { "position": 1, "status": "PASSED" } ] }""");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("type").asString()).endsWith("run-would-be-deleted");
        assertThat(reply.json().get("detail").asString()).contains("Not Run").contains("delete");
        spira.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void unknownStepIs422NamingTheValidOnes() {
        spira.stubFor(post(urlEqualTo(SHELL_290)).willReturn(json("shell-290.json")));

        Api.Reply reply = api.post("/runs", EXAMPLE.replace("\"position\": 2", "\"position\": 9"));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("errors").get(0).get("field").asString()).isEqualTo("steps[0].position");
        assertThat(reply.json().get("errors").get(0).get("message").asString()).contains("1-3");
        spira.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void invalidRequestNeverCallsSpira() {
        Api.Reply reply = api.post("/runs", "{ \"projectId\": 0, \"testCaseId\": 290 }");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(spira.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void testSetRunIsLinkedToTheSetEntryAndTheSetsRelease() {
        String shell = path("projects/24/test-runs/create/test_set/10");
        spira.stubFor(post(urlEqualTo(shell)).willReturn(json("shell-from-test-set.json")));
        spira.stubFor(put(urlEqualTo(PUT)).willReturn(json("put-response.json")));

        Api.Reply reply = api.post("/runs", EXAMPLE.replace("\"releaseId\": 155,", "\"testSetId\": 10,"));

        assertThat(reply.status()).isEqualTo(201);
        spira.verify(putRequestedFor(urlEqualTo(PUT)).withRequestBody(equalToJson(
                "[{\"TestCaseId\": 290, \"TestSetId\": 10, \"TestSetTestCaseId\": 1001, \"ReleaseId\": 156, \"TesterId\": 2}]",
                false, true)));
    }

    @Test
    void testCaseNotInTheSetIs422() {
        spira.stubFor(post(urlEqualTo(path("projects/24/test-runs/create/test_set/10")))
                .willReturn(json("shell-from-test-set.json")));

        Api.Reply reply = api.post("/runs", EXAMPLE.replace("\"testCaseId\": 290, \"releaseId\": 155,",
                "\"testCaseId\": 304, \"testSetId\": 10,"));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("type").asString()).endsWith("not-in-test-set");
        spira.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void unknownTestSetIs404() {
        spira.stubFor(post(urlEqualTo(path("projects/24/test-runs/create/test_set/77")))
                .willReturn(html(400, "error-400-request-error.html")));

        Api.Reply reply = api.post("/runs", EXAMPLE.replace("\"releaseId\": 155,", "\"testSetId\": 77,"));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("type").asString()).endsWith("test-set-not-found");
    }

    @Test
    void notAMemberOfTheProjectIs404() {
        spira.stubFor(post(urlEqualTo(SHELL_290)).willReturn(jsonError(401, "error-401-not-member.json")));

        Api.Reply reply = api.post("/runs", EXAMPLE);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("type").asString()).endsWith("project-not-found");
    }

    @Test
    void missingPermissionToCreateRunsIs502WithSpirasMessage() {
        spira.stubFor(post(urlEqualTo(SHELL_290)).willReturn(json("shell-290.json")));
        spira.stubFor(put(urlEqualTo(PUT)).willReturn(jsonError(401, "error-401-not-authorized.json")));

        Api.Reply reply = api.post("/runs", EXAMPLE);

        assertThat(reply.status()).isEqualTo(502);
        assertThat(reply.json().get("type").asString()).endsWith("spira-permission-denied");
        assertThat(reply.json().get("detail").asString()).contains("Not Authorized to Create Test Runs");
        spira.verify(1, putRequestedFor(anyUrl()));
    }

    @Test
    void foreignKeyViolationIs422WithoutStackTraceOrHtml() {
        spira.stubFor(post(urlEqualTo(SHELL_290)).willReturn(json("shell-290.json")));
        spira.stubFor(put(urlEqualTo(PUT)).willReturn(html(400, "error-400-request-error.html")));

        Api.Reply reply = api.post("/runs", EXAMPLE);

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("type").asString()).endsWith("rejected-by-spira");
        assertThat(reply.json().get("detail").asString()).contains("Database foreign key violation occurred");
        assertThat(reply.raw().body()).doesNotContain("<").doesNotContain("TestRunManager").doesNotContain("stack trace");
        spira.verify(1, putRequestedFor(anyUrl()));
    }

    @Test
    void validationObjectIs422WithSpirasMessages() {
        spira.stubFor(post(urlEqualTo(SHELL_290)).willReturn(json("shell-290.json")));
        spira.stubFor(put(urlEqualTo(PUT)).willReturn(jsonError(400, "error-400-validation.json")));

        Api.Reply reply = api.post("/runs", EXAMPLE);

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("detail").asString()).contains("Custom property Browser is required");
    }

    @Test
    void jsonStringErrorIsPassedOnAsText() {
        spira.stubFor(post(urlEqualTo(SHELL_290)).willReturn(json("shell-290.json")));
        spira.stubFor(put(urlEqualTo(PUT)).willReturn(jsonError(400, "error-400-json-string.json")));

        Api.Reply reply = api.post("/runs", EXAMPLE);

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("detail").asString()).contains("'No data was provided to the web service!'");
    }

    @Test
    void spiraServerErrorOnTheShellIs502AfterRetriesAndSaysARetryIsSafe() {
        spira.stubFor(post(urlEqualTo(SHELL_290)).willReturn(html(500, "error-500-request-error.html")));

        Api.Reply reply = api.post("/runs", EXAMPLE);

        assertThat(reply.status()).isEqualTo(502);
        assertThat(reply.contentType()).isEqualTo("application/problem+json");
        assertThat(reply.json().get("retrySafe").asBoolean()).isTrue();
        assertThat(reply.raw().body()).doesNotContain("<html").doesNotContain("TestRunManager");
        // 500 is not a transient status: not retried.
        spira.verify(1, postRequestedFor(urlEqualTo(SHELL_290)));
        spira.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void transientShell503IsRetriedAndSucceeds() {
        spira.stubFor(post(urlEqualTo(SHELL_290)).inScenario("flaky").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        spira.stubFor(post(urlEqualTo(SHELL_290)).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(json("shell-290.json")));
        spira.stubFor(put(urlEqualTo(PUT)).willReturn(json("put-response.json")));

        assertThat(api.post("/runs", EXAMPLE).status()).isEqualTo(201);
        spira.verify(2, postRequestedFor(urlEqualTo(SHELL_290)));
        spira.verify(1, putRequestedFor(urlEqualTo(PUT)));
    }

    @Test
    void readRunSendsBothJsonHeadersAndAnswersTheStoredRun() {
        spira.stubFor(get(urlEqualTo(path("projects/24/test-runs/50000/manual")))
                .willReturn(json("run-50000.json")));

        Api.Reply reply = api.get("/runs/24/50000");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("status").asString()).isEqualTo("FAILED");
        assertThat(reply.json().get("steps")).hasSize(3);
        spira.verify(getRequestedFor(urlPathEqualTo(path("projects/24/test-runs/50000/manual")))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Accept", equalTo("application/json")));
    }

    @Test
    void aRunOfAnotherProjectIsNotFoundInThisOne() {
        spira.stubFor(get(urlEqualTo(path("projects/25/test-runs/50000/manual"))).willReturn(json("run-50000.json")));

        Api.Reply reply = api.get("/runs/25/50000");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("detail").asString()).contains("no test run 50000 in project 25");
    }

    @Test
    void readUnknownRunIs404() {
        spira.stubFor(get(urlEqualTo(path("projects/24/test-runs/1/manual"))).willReturn(aResponse().withStatus(404)));

        Api.Reply reply = api.get("/runs/24/1");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("type").asString()).endsWith("run-not-found");
    }
}
