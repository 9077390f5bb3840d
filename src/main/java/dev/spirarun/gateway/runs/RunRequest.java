package dev.spirarun.gateway.runs;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;

/** One manual test run to record: which test case, what happened in its steps, and when. */
@Schema(description = "A manual test run to record in Spira")
@ConsistentRun
public record RunRequest(
        @Schema(description = "Spira project (product) ID", example = "24", requiredMode = Schema.RequiredMode.REQUIRED,
                minimum = "1") @NotNull @Positive Long projectId,
        @Schema(description = "Spira test case ID; must be executable in the project", example = "290",
                requiredMode = Schema.RequiredMode.REQUIRED, minimum = "1") @NotNull @Positive Long testCaseId,
        @Schema(description = "Release (or iteration) the run is for; with a test set, omit it or give the set's release",
                example = "155", minimum = "1") @Positive @Nullable Long releaseId,
        @Schema(description = "Test set the run belongs to; the test case must be in it", minimum = "1", nullable = true)
        @Positive @Nullable Long testSetId,
        @Schema(description = "Spira build ID", minimum = "1", nullable = true) @Positive @Nullable Long buildId,
        @Schema(description = "Spira user ID of the tester; default: the gateway's account (for test sets: the entry's owner)",
                minimum = "1", nullable = true) @Positive @Nullable Long testerId,
        @Schema(description = "Run name, at most 255 characters; default: the test case name", maxLength = 255,
                nullable = true) @Size(max = 255) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank when given")
        @Nullable String name,
        @Schema(description = "When the run started: RFC 3339 with an offset or Z; stored in UTC to the millisecond",
                example = "2026-11-30T10:00:00.000+02:00", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull OffsetDateTime startedAt,
        @Schema(description = "When the run ended: not before startedAt, not in the future (beyond the allowed clock skew)",
                example = "2026-11-30T10:05:30.250+02:00", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull OffsetDateTime endedAt,
        @Schema(description = "Outcome for every step that `steps` does not list; at least one of status and steps is required",
                example = "PASSED", nullable = true) @Nullable Outcome status,
        @Schema(description = "Step outcomes, at most 1000; unlisted steps get `status`, or stay Not Run without it",
                nullable = true) @Size(max = 1000) @Nullable List<@Valid @NotNull StepOutcome> steps) {

    List<StepOutcome> stepList() {
        return steps == null ? List.of() : steps;
    }
}
