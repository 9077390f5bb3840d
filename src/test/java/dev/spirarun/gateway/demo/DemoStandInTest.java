package dev.spirarun.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.spirarun.gateway.support.Api;
import tools.jackson.databind.JsonNode;

/**
 * The demo profile end to end: the gateway talks over real HTTP to its own stand-in, and the examples the
 * OpenAPI description shows work against it.
 */
@ActiveProfiles("demo")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class DemoStandInTest {

    static final int PORT = freePort();
    static final String REST = "/demo-spira/Services/v7_0/RestService.svc/projects/24/";

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    final Api api = new Api(PORT);

    @Test
    void theRunExampleFromTheApiDescriptionIsRecordedAndReadBack() {
        JsonNode docs = api.get("/v3/api-docs").json();
        String runExample = docs.at("/paths/~1runs/post/requestBody/content/application~1json/examples").values()
                .iterator().next().get("value").toString();

        Api.Reply created = api.post("/runs", runExample);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("status").asString()).isEqualTo("FAILED");
        assertThat(created.json().get("startedAt").asString()).isEqualTo("2026-11-30T08:00:00.000Z");
        assertThat(created.json().get("endedAt").asString()).isEqualTo("2026-11-30T08:05:30.250Z");
        Api.Reply read = api.get(created.header("Location"));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("steps").valueStream().map(s -> s.get("status").asString()))
                .containsExactly("PASSED", "FAILED", "BLOCKED");
        assertThat(read.json().get("startedAt").asString()).isEqualTo("2026-11-30T08:00:00.000Z");
    }

    @Test
    void theBatchExampleFromTheApiDescriptionAnswersEveryItem() {
        JsonNode docs = api.get("/v3/api-docs").json();
        String batchExample = docs.at("/paths/~1runs~1batch/post/requestBody/content/application~1json/examples").values()
                .iterator().next().get("value").toString();

        Api.Reply reply = api.post("/runs/batch", batchExample);

        assertThat(reply.status()).isEqualTo(207);
        assertThat(reply.json().get("results").valueStream().map(r -> r.get("status").asInt()))
                .containsExactly(201, 201, 201, 201, 404);
        assertThat(reply.json().get("results").get(3).get("run").get("testSetTestCaseId").asLong()).isEqualTo(1001);
    }

    @Test
    void standInDeletesARunThatDerivesToNotRunButStillAnswersItsId() {
        String shell = api.post(REST + "test-runs/create?release_id=155", "[290]", demoCredentials()).raw().body();
        String allNotRun = shell.replace("\"EndDate\":null", "\"EndDate\":\"2026-11-30T08:00:00.000Z\"");

        Api.Reply saved = put(REST + "test-runs", allNotRun);

        assertThat(saved.status()).isEqualTo(200);
        long id = saved.json().get(0).get("TestRunId").asLong();
        assertThat(id).isPositive();
        assertThat(api.get("/runs/24/" + id).status()).as("deleted by the stand-in").isEqualTo(404);
    }

    @Test
    void standInAnswersLikeSpiraForWrongCredentialsAndUnknownCases() {
        assertThat(api.post(REST + "test-runs/create", "[290]").status()).isEqualTo(401);
        Api.Reply none = api.post(REST + "test-runs/create", "[305, 999]", demoCredentials());
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.contentType()).startsWith("text/html");
        assertThat(none.raw().body()).contains("You need to pass in at least one test case");
    }

    @Test
    void recordingAStepLessTestCaseAsNotApplicableWorks() {
        Api.Reply reply = api.post("/runs", """
                { "projectId": 24, "testCaseId": 304, "status": "NOT_APPLICABLE",
                  "startedAt": "2026-11-30T08:00:00Z", "endedAt": "2026-11-30T08:10:00Z" }""");
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().get("status").asString()).isEqualTo("NOT_APPLICABLE");
    }

    @Test
    void apiDescriptionDocumentsEveryProblemTypeAndHidesTheStandIn() {
        String docs = api.get("/v3/api-docs").raw().body();
        assertThat(docs).doesNotContain("/demo-spira");
        for (var type : dev.spirarun.gateway.system.ProblemType.values()) {
            assertThat(docs).contains(type.uri().toString());
        }
    }

    @Test
    void apiDescriptionMatchesTheBodiesTheGatewayReallyAnswers() {
        JsonNode schemas = api.get("/v3/api-docs").json().at("/components/schemas");
        Api.Reply created = api.post("/runs", """
                { "projectId": 24, "testCaseId": 290, "status": "PASSED",
                  "startedAt": "2026-11-30T08:00:00Z", "endedAt": "2026-11-30T08:10:00Z" }""");
        assertThat(names(created.json())).containsExactlyInAnyOrderElementsOf(names(schemas.at("/RunView/properties")));
        assertThat(names(created.json().get("steps").get(0)))
                .containsExactlyInAnyOrderElementsOf(names(schemas.at("/StepView/properties")));
        Api.Reply problem = api.post("/runs", "{ \"projectId\": 0 }");
        assertThat(names(schemas.at("/Problem/properties"))).containsAll(names(problem.json()));
        assertThat(names(schemas.at("/RunRequest/properties"))).containsExactlyInAnyOrder("projectId", "testCaseId",
                "releaseId", "testSetId", "buildId", "testerId", "name", "startedAt", "endedAt", "status", "steps");
    }

    private static java.util.List<String> names(JsonNode object) {
        return object.propertyNames().stream().toList();
    }

    private Api.Reply put(String path, String body) {
        try {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + PORT + path))
                    .header("Content-Type", "application/json").header("username", DemoSpiraController.USERNAME)
                    .header("api-key", DemoSpiraController.API_KEY)
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
            var response = java.net.http.HttpClient.newHttpClient().send(request,
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Api.Reply(response.statusCode(), response,
                    tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body()));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.Map<String, String> demoCredentials() {
        return java.util.Map.of("username", DemoSpiraController.USERNAME, "api-key", DemoSpiraController.API_KEY);
    }
}
