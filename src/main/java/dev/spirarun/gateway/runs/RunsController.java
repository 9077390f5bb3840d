package dev.spirarun.gateway.runs;

import java.net.URI;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.spirarun.gateway.system.OpenApiConfig;
import dev.spirarun.gateway.system.ProblemBody;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.spirarun.gateway.spira.SpiraCallFailed;
import dev.spirarun.gateway.spira.SpiraClient;
import dev.spirarun.gateway.spira.SpiraTestRun;
import dev.spirarun.gateway.spira.SpiraProperties;
import dev.spirarun.gateway.system.GatewayProblem;
import dev.spirarun.gateway.system.ProblemType;

/** {@code POST /runs} and {@code GET /runs/{projectId}/{testRunId}}. */
@RestController
@Tag(name = "Runs", description = "Record manual test runs in Spira and read them back")
class RunsController {

    static final String EXAMPLE = """
            {
              "projectId": 24,
              "testCaseId": 290,
              "releaseId": 155,
              "startedAt": "2026-11-30T10:00:00.000+02:00",
              "endedAt": "2026-11-30T10:05:30.250+02:00",
              "status": "PASSED",
              "steps": [
                { "position": 2, "status": "FAILED", "actualResult": "Login rejected with 'unknown user'" },
                { "testStepId": 316, "status": "BLOCKED" }
              ]
            }""";

    private final RunService runs;
    private final SpiraClient spira;
    private final SpiraProperties spiraProperties;

    RunsController(RunService runs, SpiraClient spira, SpiraProperties spiraProperties) {
        this.runs = runs;
        this.spira = spira;
        this.spiraProperties = spiraProperties;
    }

    @PostMapping(path = "/runs", consumes = "application/json", produces = "application/json")
    @Operation(operationId = "recordRun", summary = "Record a manual test run", description = """
            Fetches the run shell for the test case from Spira, applies the step outcomes, checks that Spira will \
            keep the run (a run that derives to Not Run is deleted by Spira), saves it and answers with what Spira \
            stored. Invalid input never reaches Spira. Send an `Idempotency-Key` header to make retries safe.""")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = RunRequest.class),
            examples = @ExampleObject(name = "three-step test case", value = EXAMPLE)))
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, required = false, description = OpenApiConfig.IDEMPOTENCY_KEY)
    @ApiResponse(responseCode = "201", description = "Saved; `Location` points at the run")
    @ApiResponse(responseCode = "400", description = "Invalid request (every field error listed)", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemBody.class)))
    @ApiResponse(responseCode = "404", description = "Unknown project, test case or test set", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemBody.class)))
    @ApiResponse(responseCode = "409", description = "A request with the same Idempotency-Key is in progress", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemBody.class)))
    @ApiResponse(responseCode = "422", description = "Valid, but does not fit the test case, or Spira rejected it", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemBody.class)))
    @ApiResponse(responseCode = "502", description = "Spira failed or rejected the gateway's credentials; `retrySafe` says whether to retry", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemBody.class)))
    @ApiResponse(responseCode = "503", description = "Spira unreachable or the gateway is at its write limit; see `Retry-After`", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemBody.class)))
    @ApiResponse(responseCode = "504", description = "Spira did not answer in time; `retrySafe` says whether to retry", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemBody.class)))
    ResponseEntity<RunView> record(@Valid @RequestBody RunRequest request) {
        RunView run = runs.record(request);
        return ResponseEntity.created(location(run)).body(run);
    }

    @GetMapping(path = "/runs/{projectId}/{testRunId}", produces = "application/json")
    @Operation(operationId = "readRun", summary = "Read a test run back from Spira")
    @ApiResponse(responseCode = "200", description = "The run as Spira stores it")
    @ApiResponse(responseCode = "404", description = "No such run in that project", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemBody.class)))
    RunView read(@Parameter(example = "24") @PathVariable @Positive long projectId,
            @Parameter(example = "50000") @PathVariable @Positive long testRunId) {
        Optional<SpiraTestRun> stored;
        try {
            stored = spira.readRun(projectId, testRunId);
        } catch (SpiraCallFailed failure) {
            throw failure.asProblem();
        }
        // Spira is not known to check a run's project on this path: a run of another project is not this one.
        return stored.filter(run -> run.projectId() == null || run.projectId() == projectId)
                .map(run -> RunView.of(run, spiraProperties.runPage(projectId, testRunId)))
                .orElseThrow(() -> new GatewayProblem(ProblemType.RUN_NOT_FOUND,
                        "Spira has no test run %d in project %d.".formatted(testRunId, projectId)));
    }

    static URI location(RunView run) {
        return URI.create("/runs/" + run.projectId() + "/" + run.testRunId());
    }
}
