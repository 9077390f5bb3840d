package dev.spirarun.gateway.batch;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import dev.spirarun.gateway.system.OpenApiConfig;
import dev.spirarun.gateway.system.ProblemBody;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /runs/batch}. */
@RestController
@Tag(name = "Runs")
class BatchController {

    static final String EXAMPLE = """
            { "runs": [
              { "projectId": 24, "testCaseId": 290, "releaseId": 155, "status": "PASSED",
                "startedAt": "2026-11-30T10:00:00.000+02:00", "endedAt": "2026-11-30T10:05:30.250+02:00" },
              { "projectId": 24, "testCaseId": 283, "releaseId": 155, "status": "PASSED",
                "steps": [ { "testStepId": 3001, "status": "FAILED", "actualResult": "Setup script timed out" } ],
                "startedAt": "2026-11-30T10:06:00.000+02:00", "endedAt": "2026-11-30T10:09:00.000+02:00" },
              { "projectId": 24, "testCaseId": 304, "releaseId": 155, "status": "NOT_APPLICABLE",
                "startedAt": "2026-11-30T10:10:00Z", "endedAt": "2026-11-30T10:12:00Z" },
              { "projectId": 24, "testCaseId": 290, "testSetId": 10, "status": "PASSED",
                "startedAt": "2026-11-30T10:13:00Z", "endedAt": "2026-11-30T10:14:00Z" },
              { "projectId": 24, "testCaseId": 305, "releaseId": 155, "status": "PASSED",
                "startedAt": "2026-11-30T10:15:00Z", "endedAt": "2026-11-30T10:16:00Z" }
            ] }""";

    private final BatchService batches;

    BatchController(BatchService batches) {
        this.batches = batches;
    }

    @PostMapping(path = "/runs/batch", consumes = "application/json", produces = "application/json")
    @Operation(operationId = "recordRuns", summary = "Record many runs at once", description = """
            Each item is the body of `POST /runs` and is answered on its own, in request order, with the status and \
            body `POST /runs` would have given. Runs of the same (project, release, test set) share one Spira shell \
            call and saves of up to `SPIRA_MAX_RUNS_PER_PUT` runs; an item Spira rejects fails alone while the \
            others are saved exactly once.""")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = BatchRequest.class),
            examples = @ExampleObject(name = "mixed batch against the demo stand-in", value = EXAMPLE)))
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, required = false, description = OpenApiConfig.IDEMPOTENCY_KEY)
    @ApiResponse(responseCode = "200", description = "Every item was created")
    @ApiResponse(responseCode = "207", description = "Some items failed: see each item's `status` and `problem`")
    @ApiResponse(responseCode = "400", description = "Not JSON, no `runs`, or more than 500 items", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemBody.class)))
    @ApiResponse(responseCode = "409", description = "A request with the same Idempotency-Key is in progress", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemBody.class)))
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used with another body", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemBody.class)))
    ResponseEntity<BatchResult> record(@Valid @RequestBody BatchRequest batch) {
        BatchResult result = batches.record(batch.runs());
        return ResponseEntity.status(result.allCreated() ? HttpStatus.OK : HttpStatus.MULTI_STATUS).body(result);
    }
}
