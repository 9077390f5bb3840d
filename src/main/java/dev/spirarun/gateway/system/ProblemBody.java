package dev.spirarun.gateway.system;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;

/**
 * The shape of every problem body, for the API description only: bodies are built as Spring's
 * {@link org.springframework.http.ProblemDetail} by {@link Problems}.
 */
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record ProblemBody(
        @Schema(description = "Stable problem type; see the table in the API description",
                example = "urn:spira-run-gateway:problem:unknown-step") String type,
        @Schema(example = "Step not in the test case") String title,
        @Schema(example = "422") int status,
        @Schema(description = "What is wrong and what to do, written for the caller",
                example = "The steps do not match test case 290, which has 3 steps (positions 1-3, test step IDs 314, 315, 316). See `errors`.")
        String detail,
        @Schema(example = "/runs") String instance,
        @Schema(description = "Field errors, when the problem is about fields") @Nullable List<FieldProblem> errors,
        @Schema(description = "5xx only: whether sending the same request again cannot create a duplicate run")
        @Nullable Boolean retrySafe,
        @Schema(description = "With Retry-After: the same delay in seconds") @Nullable Long retryAfterSeconds) {
}
