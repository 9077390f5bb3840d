package dev.spirarun.gateway.runs;

import org.jspecify.annotations.Nullable;

/**
 * Runs that may share one shell call and one save. Spira refreshes summaries only for the first run of a save,
 * so a save never mixes releases or test sets. A test set fixes its own release, so runs of a set group by set.
 */
public record RunGroup(long projectId, @Nullable Long releaseId, @Nullable Long testSetId) {

    public static RunGroup of(RunRequest request) {
        return request.testSetId() != null ? new RunGroup(request.projectId(), null, request.testSetId())
                : new RunGroup(request.projectId(), request.releaseId(), null);
    }
}
