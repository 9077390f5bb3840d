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
    private static final Pattern UNREAD = Pattern.compile("deserializ", Pattern.CASE_INSENSITIVE);

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

    /** The HTTP status Spira answered with; 0 when it did not answer. */
    public int status() {
        return error == null ? 0 : error.status();
    }

    /** Spira answered with this HTTP status. */
    public boolean answered(int status) {
        return status() == status;
    }

    /**
     * Spira answered with a 4xx that judges the request itself: it rejected the call and (for a save) stored
     * nothing. 408 and 429 say nothing about the request, only that Spira did not take it now.
     */
    public boolean rejected() {
        int status = status();
        return kind == Kind.ANSWERED && status >= 400 && status < 500 && status != 408 && status != 429;
    }

    /** Spira turned the call away for now (408, 429) without looking at it: nothing was done. */
    public boolean turnedAway() {
        return answered(408) || answered(429);
    }

    /**
     * A rejection of the request's data — bad IDs or values in the body or URL — rather than a failure half-way
     * through a save (its summary refresh can fail after the runs are stored). For a save of one run, nothing was
     * stored; for a save of several, see {@link #beforeAnyInsert()}.
     */
    public boolean cleanRejection() {
        if (!rejected() || deadlocked() || error == null) {
            return false;
        }
        return refusedUnread(error) || CLEAN.matcher(error.message()).find();
    }

    /**
     * A clean rejection made before Spira inserts any run: it could not read the body, or its validation objected.
     * The others (a foreign key, a missing value) are raised while inserting — after the runs before the bad one, if
     * Spira's save is not all-or-nothing after all (that is only inferred).
     */
    public boolean beforeAnyInsert() {
        return cleanRejection() && (refusedUnread(error) || UNREAD.matcher(error.message()).find());
    }

    /** Answers Spira gives before it gets to the runs: a bad URL (406), its validation object, a plain message. */
    private static boolean refusedUnread(SpiraError error) {
        return error.status() == 406 || error.shape() == SpiraError.Shape.VALIDATION
                || error.shape() == SpiraError.Shape.JSON_STRING;
    }

    /**
     * Spira itself answered, so it accepted the credentials: not a refusal that a proxy or load balancer in front
     * of it may have sent without asking it (429, 502, 503, 504).
     */
    public boolean judgedKey() {
        int status = status();
        return kind == Kind.ANSWERED && status != 429 && status != 502 && status != 503 && status != 504;
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
        boolean unavailable = kind == Kind.NOT_SENT || kind == Kind.CONNECTION_LOST
                || (kind == Kind.ANSWERED && (answered(503) || turnedAway() || deadlocked()));
        ProblemType type = kind == Kind.TIMED_OUT ? ProblemType.SPIRA_TIMEOUT
                : unavailable ? ProblemType.SPIRA_UNAVAILABLE : ProblemType.SPIRA_ERROR;
        Duration wait = !unavailable ? null
                : error != null && error.retryAfter() != null ? error.retryAfter() : UNAVAILABLE_WAIT;
        return new GatewayProblem(type, getMessage() + ". Nothing was saved; a retry is safe.", List.of(), wait,
                Boolean.TRUE);
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
