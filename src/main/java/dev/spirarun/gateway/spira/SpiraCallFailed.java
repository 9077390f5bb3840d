package dev.spirarun.gateway.spira;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.spirarun.gateway.system.GatewayProblem;
import dev.spirarun.gateway.system.ProblemType;

/**
 * A Spira call did not succeed. What the caller may conclude depends on {@link #kind()}: only
 * {@link Kind#NOT_SENT} and an {@link Kind#ANSWERED} 4xx tell for certain that a save changed nothing.
 */
public class SpiraCallFailed extends RuntimeException {

    /** How the call failed. */
    public enum Kind {
        /** No connection could be made: Spira never saw the request. */
        NOT_SENT,
        /** The connection broke after the request was (or may have been) sent. */
        CONNECTION_LOST,
        /** No answer within the timeout. */
        TIMED_OUT,
        /** Spira answered with an error status; see {@link #error()}. */
        ANSWERED
    }

    private static final Duration UNAVAILABLE_WAIT = Duration.ofSeconds(30);
    private static final Pattern CLEAN = Pattern.compile("foreign key|deserializ|doesn't exist|does not exist"
            + "|cannot be null|cannot insert the value null|at least one test case", Pattern.CASE_INSENSITIVE);

    private final SpiraOperation operation;
    private final Kind kind;
    private final @Nullable SpiraError error;

    public SpiraCallFailed(SpiraOperation operation, Kind kind, @Nullable SpiraError error, @Nullable Throwable cause) {
        super(describe(operation, kind, error), cause, false, false);
        this.operation = operation;
        this.kind = kind;
        this.error = error;
    }

    public SpiraOperation operation() {
        return operation;
    }

    public Kind kind() {
        return kind;
    }

    public @Nullable SpiraError error() {
        return error;
    }

    /** Spira answered with this HTTP status. */
    public boolean answered(int status) {
        return error != null && error.status() == status;
    }

    /**
     * Spira answered with a 4xx that judges the request itself: it rejected the call and (for a save) stored
     * nothing. 408 and 429 say nothing about the request, only that Spira did not take it now.
     */
    public boolean rejected() {
        return kind == Kind.ANSWERED && error != null && error.status() >= 400 && error.status() < 500
                && error.status() != 408 && error.status() != 429;
    }

    /** Spira turned the call away for now (408, 429) without looking at it: nothing was done. */
    public boolean turnedAway() {
        return answered(408) || answered(429);
    }

    /**
     * A rejection Spira is known to answer before it stores anything — bad data in the body or URL — rather than a
     * failure half-way through a save (its summary refresh can fail after the runs are stored).
     */
    public boolean cleanRejection() {
        if (!rejected() || deadlocked() || error == null) {
            return false;
        }
        return error.status() == 406 || error.shape() == SpiraError.Shape.VALIDATION
                || error.shape() == SpiraError.Shape.JSON_STRING || CLEAN.matcher(error.message()).find();
    }

    /** Spira answered a 400 reporting an SQL deadlock: the save may or may not have committed. */
    public boolean deadlocked() {
        return kind == Kind.ANSWERED && error != null && error.mentions("deadlock");
    }

    /**
     * The problem for a failed safe call (shell, read, search), after its retries: nothing was saved, so the
     * caller may safely try again.
     */
    public GatewayProblem asProblem() {
        String nothingSaved = " Nothing was saved; a retry is safe.";
        return switch (kind) {
            case TIMED_OUT -> new GatewayProblem(ProblemType.SPIRA_TIMEOUT, getMessage() + "." + nothingSaved, List.of(),
                    null, Boolean.TRUE);
            case NOT_SENT, CONNECTION_LOST -> new GatewayProblem(ProblemType.SPIRA_UNAVAILABLE, getMessage() + "."
                    + nothingSaved, List.of(), UNAVAILABLE_WAIT, Boolean.TRUE);
            case ANSWERED -> answered(503) || turnedAway()
                    ? new GatewayProblem(ProblemType.SPIRA_UNAVAILABLE, getMessage() + "." + nothingSaved, List.of(),
                            error != null && error.retryAfter() != null ? error.retryAfter() : UNAVAILABLE_WAIT, Boolean.TRUE)
                    : new GatewayProblem(ProblemType.SPIRA_ERROR, getMessage() + "." + nothingSaved, List.of(), null,
                            Boolean.TRUE);
        };
    }

    private static String describe(SpiraOperation operation, Kind kind, @Nullable SpiraError error) {
        return switch (kind) {
            case NOT_SENT -> "Spira could not be reached to " + operation;
            case CONNECTION_LOST -> "The connection to Spira broke during '" + operation + "'";
            case TIMED_OUT -> "Spira did not answer '" + operation + "' in time";
            case ANSWERED -> "Spira failed to " + operation + ": " + (error == null ? "no answer" : error.describe());
        };
    }
}
