package dev.spirarun.gateway.runs;

import java.util.Collection;

/**
 * The run status Spira derives from the steps, ignoring any status sent for the run: Failed, then Blocked,
 * then Caution, then Not Run, then Passed; N/A counts only when every step is N/A, so a run without steps is N/A.
 */
final class StatusRollup {

    private static final Outcome[] PRECEDENCE = { Outcome.FAILED, Outcome.BLOCKED, Outcome.CAUTION, Outcome.NOT_RUN,
            Outcome.PASSED };

    private StatusRollup() {
    }

    static Outcome derive(Collection<Outcome> steps) {
        for (Outcome outcome : PRECEDENCE) {
            if (steps.contains(outcome)) {
                return outcome;
            }
        }
        return Outcome.NOT_APPLICABLE;
    }
}
