package dev.spirarun.gateway.spira;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.jspecify.annotations.Nullable;

/**
 * A manual test run as Spira's REST API shapes it ({@code RemoteManualTestRun}): what the shell calls return,
 * what a save sends and answers. Dates stay strings in Spira's {@code yyyy-MM-ddTHH:mm:ss.fffZ} form so that
 * {@code ConcurrencyDate} goes back exactly as Spira sent it; see {@link SpiraDates}.
 * <p>
 * {@code NON_NULL}: Spira fails to deserialise {@code null} in its non-nullable fields, and an omitted
 * nullable field means the same as {@code null} — so nulls are never sent. Leaving out the run-level
 * {@code ExecutionStatusId} lets Spira derive it from the steps.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SpiraTestRun(
        @JsonProperty("TestRunId") @Nullable Long testRunId,
        @JsonProperty("Name") @Nullable String name,
        @JsonProperty("TestCaseId") long testCaseId,
        @JsonProperty("TestRunTypeId") @Nullable Integer testRunTypeId,
        @JsonProperty("TesterId") @Nullable Long testerId,
        @JsonProperty("ExecutionStatusId") @Nullable Integer executionStatusId,
        @JsonProperty("ReleaseId") @Nullable Long releaseId,
        @JsonProperty("TestSetId") @Nullable Long testSetId,
        @JsonProperty("TestSetTestCaseId") @Nullable Long testSetTestCaseId,
        @JsonProperty("StartDate") @Nullable String startDate,
        @JsonProperty("EndDate") @Nullable String endDate,
        @JsonProperty("BuildId") @Nullable Long buildId,
        @JsonProperty("EstimatedDuration") @Nullable Integer estimatedDuration,
        @JsonProperty("ActualDuration") @Nullable Integer actualDuration,
        @JsonProperty("TestConfigurationId") @Nullable Long testConfigurationId,
        @JsonProperty("ProjectId") @Nullable Long projectId,
        @JsonProperty("ArtifactTypeId") @Nullable Integer artifactTypeId,
        @JsonProperty("ConcurrencyDate") @Nullable String concurrencyDate,
        @JsonProperty("CustomProperties") @Nullable List<Object> customProperties,
        @JsonProperty("IsAttachments") @Nullable Boolean isAttachments,
        @JsonProperty("Tags") @Nullable String tags,
        @JsonProperty("TestRunSteps") @Nullable List<SpiraTestRunStep> testRunSteps) {

    /** The steps, empty when Spira sent {@code null} (a test case without steps). */
    public List<SpiraTestRunStep> steps() {
        return testRunSteps == null ? List.of() : testRunSteps;
    }
}
