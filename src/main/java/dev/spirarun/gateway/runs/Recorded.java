package dev.spirarun.gateway.runs;

import dev.spirarun.gateway.system.GatewayProblem;

/** What became of one requested run: saved in Spira, or a problem for the caller. */
public sealed interface Recorded {

    /** Spira stored the run. */
    record Saved(RunView run) implements Recorded {
    }

    /** The run was not recorded (or its fate is unknown, which the problem says). */
    record Failed(GatewayProblem problem) implements Recorded {
    }
}
