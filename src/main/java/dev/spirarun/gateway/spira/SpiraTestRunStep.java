package dev.spirarun.gateway.spira;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.jspecify.annotations.Nullable;

/** One step of a {@link SpiraTestRun} ({@code RemoteTestRunStep}); linked test cases' steps carry their own case ID. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SpiraTestRunStep(
        @JsonProperty("TestRunStepId") @Nullable Long testRunStepId,
        @JsonProperty("TestRunId") @Nullable Long testRunId,
        @JsonProperty("TestStepId") @Nullable Long testStepId,
        @JsonProperty("TestCaseId") @Nullable Long testCaseId,
        @JsonProperty("ExecutionStatusId") int executionStatusId,
        @JsonProperty("Position") int position,
        @JsonProperty("Description") @Nullable String description,
        @JsonProperty("ExpectedResult") @Nullable String expectedResult,
        @JsonProperty("SampleData") @Nullable String sampleData,
        @JsonProperty("ActualResult") @Nullable String actualResult,
        @JsonProperty("ActualDuration") @Nullable Integer actualDuration,
        @JsonProperty("StartDate") @Nullable String startDate,
        @JsonProperty("EndDate") @Nullable String endDate) {
}
