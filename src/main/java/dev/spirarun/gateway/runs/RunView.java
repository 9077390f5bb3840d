package dev.spirarun.gateway.runs;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;

import dev.spirarun.gateway.spira.SpiraDates;
import dev.spirarun.gateway.spira.SpiraTestRun;

/** A test run as Spira stored it. */
@Schema(description = "A manual test run as stored in Spira")
public record RunView(
        @Schema(description = "Spira's TestRunId", example = "50000") long testRunId,
        @Schema(example = "24") @Nullable Long projectId,
        @Schema(example = "290") long testCaseId,
        @Schema(example = "Sample Test Case") @Nullable String name,
        @Schema(description = "The status Spira derived from the steps", example = "FAILED") @Nullable Outcome status,
        @Schema(example = "155", nullable = true) @Nullable Long releaseId,
        @Schema(nullable = true) @Nullable Long testSetId,
        @Schema(description = "The test set entry the run is linked to", nullable = true) @Nullable Long testSetTestCaseId,
        @Schema(example = "7", nullable = true) @Nullable Long testerId,
        @Schema(nullable = true) @Nullable Long buildId,
        @Schema(description = "UTC, to the millisecond", example = "2026-11-30T08:00:00.000Z", format = "date-time")
        @Nullable String startedAt,
        @Schema(description = "UTC, to the millisecond", example = "2026-11-30T08:05:30.250Z", format = "date-time")
        @Nullable String endedAt,
        List<StepView> steps,
        @Schema(description = "The run's page in Spira", example = "https://acme.spiraservice.net/24/TestRun/50000.aspx")
        URI spiraUrl) {

    static RunView of(SpiraTestRun run, URI spiraUrl) {
        return new RunView(run.testRunId() == null ? 0 : run.testRunId(), run.projectId(), run.testCaseId(), run.name(),
                run.executionStatusId() == null ? null : Outcome.ofSpira(run.executionStatusId()), run.releaseId(),
                run.testSetId(), run.testSetTestCaseId(), run.testerId(), run.buildId(), utc(run.startDate()),
                utc(run.endDate()), run.steps().stream().map(StepView::of).toList(), spiraUrl);
    }

    /** Spira's own form normalised, so that every date we answer has exactly three fraction digits and a Z. */
    private static @Nullable String utc(@Nullable String spiraDate) {
        var instant = SpiraDates.parse(spiraDate);
        return instant == null ? null : SpiraDates.format(instant);
    }

    /** One step of a stored run. */
    @Schema(description = "One step of a stored run")
    public record StepView(
            @Schema(example = "900000") @Nullable Long testRunStepId,
            @Schema(example = "314") @Nullable Long testStepId,
            @Schema(description = "The test case the step comes from (a linked test case's for its steps)", example = "290")
            @Nullable Long testCaseId,
            @Schema(example = "1") int position,
            @Schema(example = "PASSED") Outcome status,
            @Nullable String description,
            @Nullable String expectedResult,
            @Nullable String actualResult) {

        static StepView of(dev.spirarun.gateway.spira.SpiraTestRunStep step) {
            return new StepView(step.testRunStepId(), step.testStepId(), step.testCaseId(), step.position(),
                    Outcome.ofSpira(step.executionStatusId()), step.description(), step.expectedResult(),
                    step.actualResult());
        }
    }
}
