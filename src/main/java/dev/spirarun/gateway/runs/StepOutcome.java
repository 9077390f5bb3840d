package dev.spirarun.gateway.runs;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;

/** What happened in one step, identified by position, by test step ID, or by its place in the list. */
@Schema(description = "The outcome of one step. Identify the step by `position` or `testStepId`; when no entry "
        + "identifies a step, entries apply in order and must cover every step.")
public record StepOutcome(
        @Schema(description = "1-based position of the step in the run, as Spira numbers them (linked test cases' steps included)",
                example = "2", minimum = "1") @Positive @Nullable Integer position,
        @Schema(description = "Spira's TestStepId of the step", example = "316", minimum = "1") @Positive @Nullable Long testStepId,
        @Schema(description = "The step's outcome", requiredMode = Schema.RequiredMode.REQUIRED, example = "FAILED")
        @NotNull Outcome status,
        @Schema(description = "What actually happened; at most 64 KiB of UTF-8", example = "Login rejected with 'unknown user'",
                maxLength = 65536) @Utf8Size(max = 65536) @Nullable String actualResult) {

    boolean identifiesStep() {
        return position != null || testStepId != null;
    }
}
