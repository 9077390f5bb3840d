package dev.spirarun.gateway.batch;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import dev.spirarun.gateway.runs.RunRequest;
import tools.jackson.databind.JsonNode;

/**
 * The batch envelope. Items stay raw JSON until each is read on its own, so one item of the wrong type is that
 * item's 400, not the whole batch's.
 */
@Schema(description = "Runs to record together")
record BatchRequest(
        @ArraySchema(arraySchema = @Schema(description = "1 to 500 runs, each exactly the body of POST /runs"),
                schema = @Schema(implementation = RunRequest.class), minItems = 1, maxItems = 500)
        @NotNull @Size(min = 1, max = BatchRequest.MAX_RUNS, message = "must hold 1 to {max} runs") List<JsonNode> runs) {

    static final int MAX_RUNS = 500;
}
