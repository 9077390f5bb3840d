package dev.spirarun.gateway.system;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A failure that the caller must hear about as an RFC 9457 problem. Thrown (or, in batches, carried as a value)
 * by whoever knows the facts; {@link ProblemAdvice} and {@link Problems} turn it into the body.
 */
public class GatewayProblem extends RuntimeException {

    private final ProblemType type;
    private final List<FieldProblem> errors;
    private final @Nullable Duration retryAfter;
    private final @Nullable Boolean retrySafe;

    public GatewayProblem(ProblemType type, String detail) {
        this(type, detail, List.of(), null, null);
    }

    public GatewayProblem(ProblemType type, String detail, List<FieldProblem> errors) {
        this(type, detail, errors, null, null);
    }

    public GatewayProblem(ProblemType type, String detail, List<FieldProblem> errors, @Nullable Duration retryAfter,
            @Nullable Boolean retrySafe) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
        this.retrySafe = retrySafe;
    }

    public ProblemType type() {
        return type;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    /** How long a caller should wait before retrying, when that is known. */
    public @Nullable Duration retryAfter() {
        return retryAfter;
    }

    /** Whether repeating the same request cannot create a duplicate run; null when not a question. */
    public @Nullable Boolean retrySafe() {
        return retrySafe;
    }
}
