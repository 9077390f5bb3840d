package dev.spirarun.gateway.system;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds problem bodies the same way for single requests, batch items and framework errors. */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail of(GatewayProblem problem) {
        ProblemDetail body = of(problem.type(), problem.type().status(), problem.detail(), problem.errors());
        if (problem.retrySafe() != null) {
            body.setProperty("retrySafe", problem.retrySafe());
        }
        if (problem.retryAfter() != null) {
            body.setProperty("retryAfterSeconds", retryAfterSeconds(problem));
        }
        return body;
    }

    public static ProblemDetail of(ProblemType type, HttpStatusCode status, String detail, List<FieldProblem> errors) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(type.uri());
        body.setTitle(type == ProblemType.HTTP_ERROR ? httpTitle(status) : type.title());
        if (!errors.isEmpty()) {
            body.setProperty("errors", errors);
        }
        return body;
    }

    /** Headers that go with a problem: {@code Retry-After} in whole seconds, rounded up. */
    public static HttpHeaders headers(GatewayProblem problem) {
        HttpHeaders headers = new HttpHeaders();
        if (problem.retryAfter() != null) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds(problem)));
        }
        return headers;
    }

    private static long retryAfterSeconds(GatewayProblem problem) {
        var after = problem.retryAfter();
        return after == null ? 0 : Math.max(1, (after.toMillis() + 999) / 1000);
    }

    private static String httpTitle(HttpStatusCode status) {
        @Nullable HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "HTTP " + status.value() : known.getReasonPhrase();
    }
}
