package dev.spirarun.gateway.system;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * Every kind of problem the gateway answers with. The {@link #uri()} is stable: callers may switch on it.
 * The catalogue is also what the OpenAPI description lists, so adding a constant documents it.
 */
public enum ProblemType {

    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "invalid-request", "The request is not valid",
            "One or more fields break the contract; `errors` lists every one of them."),
    MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "malformed-request", "The request body cannot be read",
            "Not JSON, a value of the wrong type, an unknown enum value or an unknown field."),
    PROJECT_NOT_FOUND(HttpStatus.NOT_FOUND, "project-not-found", "Spira project not found",
            "Spira has no such project, or the gateway's account is not a member of it."),
    TEST_CASE_NOT_FOUND(HttpStatus.NOT_FOUND, "test-case-not-found", "Test case not found",
            "Spira has no executable test case with that ID in that project (unknown, deleted, or not executable in its workflow)."),
    TEST_SET_NOT_FOUND(HttpStatus.NOT_FOUND, "test-set-not-found", "Test set not found",
            "Spira has no such test set in that project, or it is automated or empty."),
    RUN_NOT_FOUND(HttpStatus.NOT_FOUND, "run-not-found", "Test run not found", "Spira has no such test run in that project."),
    UNKNOWN_STEP(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-step", "Step not in the test case",
            "A step entry names a position or test step ID the test case does not have; the detail lists the valid ones."),
    AMBIGUOUS_STEP(HttpStatus.UNPROCESSABLE_CONTENT, "ambiguous-step", "Step reference is ambiguous",
            "A test step ID occurs more than once in the test case (a linked test case used twice); use `position`."),
    DUPLICATE_STEP(HttpStatus.UNPROCESSABLE_CONTENT, "duplicate-step", "Step listed more than once",
            "Two step entries refer to the same step."),
    STEP_COUNT_MISMATCH(HttpStatus.UNPROCESSABLE_CONTENT, "step-count-mismatch", "Wrong number of steps",
            "Steps given by order must match the test case's step count exactly."),
    RUN_WOULD_BE_DELETED(HttpStatus.UNPROCESSABLE_CONTENT, "run-would-be-deleted", "The run would derive to Not Run",
            "Spira derives Not Run for this run and deletes it while still answering with an ID; give the steps real outcomes."),
    NO_STEPS(HttpStatus.UNPROCESSABLE_CONTENT, "test-case-has-no-steps", "The test case has no steps",
            "Spira records a manual run of a test case without steps as N/A: send `status: NOT_APPLICABLE` and no `steps`."),
    NOT_IN_TEST_SET(HttpStatus.UNPROCESSABLE_CONTENT, "not-in-test-set", "Test case not in the test set",
            "The test set has no executable entry for this test case."),
    RELEASE_CONFLICT(HttpStatus.UNPROCESSABLE_CONTENT, "release-conflict", "Release does not match the test set",
            "A run of a test set is recorded against the set's release; omit `releaseId` or give the set's."),
    REJECTED_BY_SPIRA(HttpStatus.UNPROCESSABLE_CONTENT, "rejected-by-spira", "Spira rejected the run",
            "Spira refused to save the run, usually because an ID (build, tester, release) does not exist. Nothing was saved."),
    IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency key used with another body",
            "The Idempotency-Key was already used for a request with a different body."),
    IDEMPOTENCY_IN_PROGRESS(HttpStatus.CONFLICT, "idempotency-in-progress", "Request with this key still in progress",
            "A request with the same Idempotency-Key is still being processed; retry after `Retry-After` seconds."),
    SPIRA_CREDENTIALS(HttpStatus.BAD_GATEWAY, "spira-credentials-rejected", "Spira rejected the gateway's credentials",
            "Check SPIRA_USERNAME and SPIRA_API_KEY. The gateway tried once and will not retry: a wrong key can lock the account."),
    SPIRA_PERMISSION(HttpStatus.BAD_GATEWAY, "spira-permission-denied", "The gateway's Spira account may not do this",
            "The account in SPIRA_USERNAME lacks a Spira permission (for example creating test runs) in that project."),
    SPIRA_ERROR(HttpStatus.BAD_GATEWAY, "spira-error", "Spira answered with an unexpected error",
            "Spira failed in a way the gateway does not expect; the detail says whether a run exists and whether a retry is safe."),
    SAVE_OUTCOME_UNKNOWN(HttpStatus.BAD_GATEWAY, "save-outcome-unknown", "Whether Spira saved the run is unknown",
            "Spira did not confirm the save and the gateway could not find out whether it happened. Check Spira before retrying."),
    SPIRA_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "spira-unavailable", "Spira is unavailable",
            "Spira cannot be reached or keeps failing; nothing was saved. Retry after `Retry-After` seconds."),
    OVERLOADED(HttpStatus.SERVICE_UNAVAILABLE, "gateway-busy", "Too many runs are being written",
            "The gateway limits concurrent writes to Spira and its queue is full; nothing was saved. Retry after `Retry-After` seconds."),
    SPIRA_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "spira-timeout", "Spira did not answer in time",
            "Spira did not answer within the configured timeout; the detail says whether a run exists and whether a retry is safe."),
    HTTP_ERROR(HttpStatus.BAD_REQUEST, "http", "HTTP protocol error",
            "Wrong method, media type, path or header; `status` says which.");

    private static final String BASE = "urn:spira-run-gateway:problem:";

    private final HttpStatus status;
    private final URI uri;
    private final String title;
    private final String description;

    ProblemType(HttpStatus status, String slug, String title, String description) {
        this.status = status;
        this.uri = URI.create(BASE + slug);
        this.title = title;
        this.description = description;
    }

    public HttpStatus status() {
        return status;
    }

    public URI uri() {
        return uri;
    }

    public String title() {
        return title;
    }

    /** What the problem means for a caller; shown in the OpenAPI description. */
    public String description() {
        return description;
    }
}
