package dev.spirarun.gateway.system;

import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where failures become RFC 9457 problems. Framework errors go through Spring's
 * {@link ResponseEntityExceptionHandler} and are re-typed with our stable type URIs; nothing here ever puts a
 * stack trace, an exception message from a library or Spira's HTML into a body.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(GatewayProblem.class)
    ResponseEntity<ProblemDetail> gatewayProblem(GatewayProblem problem) {
        if (problem.type().status().is5xxServerError()) {
            log.warn("Answering {}: {}", problem.type().status().value(), problem.detail());
        }
        return problem(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception failure) {
        log.error("Unexpected failure", failure);
        ProblemDetail body = Problems.of(ProblemType.HTTP_ERROR, HttpStatus.INTERNAL_SERVER_ERROR,
                "The gateway failed unexpectedly. Some runs may have been saved in Spira: check the test cases' runs "
                        + "in Spira before retrying, and the gateway's log for the cause.",
                List.of());
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException failure,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return asObject(problem(Validation.problem(failure.getBindingResult().getAllErrors().stream()
                .map(Validation::fieldProblem).sorted(Comparator.comparing(FieldProblem::field)).toList())));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException failure, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = failure.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> Validation.fieldProblem(error, result.getMethodParameter().getParameterName())))
                .toList();
        return asObject(problem(Validation.problem(errors)));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException failure,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return asObject(problem(JsonProblems.of(failure)));
    }

    /** Every other framework error keeps Spring's status and detail but gets our type and content type. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail : ProblemDetail.forStatus(status);
        problem.setType(ProblemType.HTTP_ERROR.uri());
        HttpHeaders copy = new HttpHeaders();
        copy.putAll(headers);
        copy.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(problem, copy, status);
    }

    private static ResponseEntity<ProblemDetail> problem(GatewayProblem problem) {
        return ResponseEntity.status(problem.type().status()).headers(Problems.headers(problem))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(Problems.of(problem));
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static ResponseEntity<Object> asObject(ResponseEntity<ProblemDetail> entity) {
        return (ResponseEntity) entity;
    }
}
