package dev.spirarun.gateway.runs;

import java.util.Arrays;

import io.swagger.v3.oas.annotations.media.Schema;

/** A step's or a run's execution status, named for callers and mapped to Spira's {@code ExecutionStatusId}. */
@Schema(description = "Execution status: PASSED, FAILED, BLOCKED, CAUTION, NOT_RUN or NOT_APPLICABLE")
public enum Outcome {
    FAILED(1), PASSED(2), NOT_RUN(3), NOT_APPLICABLE(4), BLOCKED(5), CAUTION(6);

    private final int spiraId;

    Outcome(int spiraId) {
        this.spiraId = spiraId;
    }

    /** Spira's {@code ExecutionStatusId}; any other number fails Spira's save with a foreign key violation. */
    public int spiraId() {
        return spiraId;
    }

    public static Outcome ofSpira(int executionStatusId) {
        return Arrays.stream(values()).filter(outcome -> outcome.spiraId == executionStatusId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown Spira execution status " + executionStatusId));
    }
}
