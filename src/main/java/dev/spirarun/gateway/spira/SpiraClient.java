package dev.spirarun.gateway.spira;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;

import org.jspecify.annotations.Nullable;

import dev.spirarun.gateway.system.GatewayProblem;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The gateway's only way to Spira. Every call sends both JSON headers (Spira's formatter crashes without
 * {@code Content-Type}, GETs included) and the credentials as headers, never in the URL, where they would end
 * up in access logs. Failures come out as {@link SpiraCallFailed} or, for credential trouble, as a
 * {@link dev.spirarun.gateway.system.GatewayProblem}; {@link SpiraResilience} decides on retries.
 */
@Component
public class SpiraClient {

    private static final ParameterizedTypeReference<List<SpiraTestRun>> RUNS = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<SpiraTestRun> RUN = new ParameterizedTypeReference<>() {
    };
    private static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

    private final WebClient web;
    private final SpiraProperties properties;
    private final SpiraResilience resilience;

    SpiraClient(WebClient.Builder builder, SpiraProperties properties, SpiraResilience resilience) {
        this.properties = properties;
        this.resilience = resilience;
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis());
        this.web = builder.clone()
                .clientConnector(new ReactorClientHttpConnector(http))
                .baseUrl(properties.restBase().toString())
                .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .defaultHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                .defaultHeader("username", properties.username())
                .defaultHeader("api-key", properties.apiKey())
                // 500 runs with their steps are far beyond the 256 KiB default buffer.
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_RESPONSE_BYTES))
                .build();
    }

    /**
     * One unsaved run per test case, in request order, leaving out unknown, deleted or non-executable cases.
     *
     * @see <a href="https://spiradoc.inflectra.com/">POST projects/{project_id}/test-runs/create?release_id={release_id}</a>
     */
    public List<SpiraTestRun> createShells(long projectId, @Nullable Long releaseId, List<Long> testCaseIds) {
        return resilience.call(SpiraOperation.SHELL, projectId, "test cases " + testCaseIds, () -> web.post()
                .uri(uri -> {
                    uri.path("projects/{pid}/test-runs/create");
                    if (releaseId != null) {
                        uri.queryParam("release_id", releaseId);
                    }
                    return uri.build(projectId);
                })
                .bodyValue(testCaseIds)
                .exchangeToMono(response -> body(SpiraOperation.SHELL, response, RUNS)), timeout(SpiraOperation.SHELL))
                .orElse(List.of());
    }

    /**
     * One unsaved run per executable entry of a test set, linked to the entry and the set's release.
     *
     * @see <a href="https://spiradoc.inflectra.com/">POST projects/{project_id}/test-runs/create/test_set/{test_set_id}</a>
     */
    public List<SpiraTestRun> createTestSetShells(long projectId, long testSetId) {
        return resilience.call(SpiraOperation.TEST_SET_SHELL, projectId, "test set " + testSetId, () -> web.post()
                .uri("projects/{pid}/test-runs/create/test_set/{tsid}", projectId, testSetId)
                .exchangeToMono(response -> body(SpiraOperation.TEST_SET_SHELL, response, RUNS)),
                timeout(SpiraOperation.TEST_SET_SHELL)).orElse(List.of());
    }

    /**
     * Inserts the runs (always new runs: a repeated save duplicates them) and answers them with IDs, in order.
     * Never retried here: an unknown outcome is the caller's to reconcile.
     *
     * @see <a href="https://spiradoc.inflectra.com/">PUT projects/{project_id}/test-runs</a>
     */
    public List<SpiraTestRun> save(long projectId, List<SpiraTestRun> runs) {
        return resilience.call(SpiraOperation.SAVE, projectId, "test cases " + runs.stream().map(SpiraTestRun::testCaseId).toList(), () -> web.put()
                .uri("projects/{pid}/test-runs", projectId)
                .bodyValue(runs)
                .exchangeToMono(response -> body(SpiraOperation.SAVE, response, RUNS)), timeout(SpiraOperation.SAVE))
                .orElse(List.of());
    }

    /**
     * A saved run with its steps, or empty when Spira has no such run.
     *
     * @see <a href="https://spiradoc.inflectra.com/">GET projects/{project_id}/test-runs/{test_run_id}/manual</a>
     */
    public Optional<SpiraTestRun> readRun(long projectId, long testRunId) {
        try {
            return resilience.call(SpiraOperation.READ, projectId, "test run " + testRunId, () -> web.get()
                    .uri("projects/{pid}/test-runs/{id}/manual", projectId, testRunId)
                    .exchangeToMono(response -> body(SpiraOperation.READ, response, RUN)),
                    timeout(SpiraOperation.READ));
        } catch (SpiraCallFailed failure) {
            if (failure.answered(404) || (failure.rejected() && failure.error() != null
                    && (failure.error().mentions("exist") || failure.error().mentions("not found")))) {
                return Optional.empty();
            }
            throw failure;
        }
    }

    /**
     * The most recent runs of a test case, newest end date first, without steps.
     *
     * @see <a href="https://spiradoc.inflectra.com/">POST projects/{project_id}/test-cases/{test_case_id}/test-runs/search</a>
     */
    public List<SpiraTestRun> recentRuns(long projectId, long testCaseId, int startingRow, int rows) {
        return resilience.call(SpiraOperation.SEARCH, projectId, "test case " + testCaseId, () -> web.post()
                .uri(uri -> uri.path("projects/{pid}/test-cases/{tcid}/test-runs/search")
                        .queryParam("starting_row", startingRow).queryParam("number_of_rows", rows)
                        .queryParam("sort_field", "EndDate").queryParam("sort_direction", "DESC")
                        .build(projectId, testCaseId))
                .bodyValue(List.of())
                .exchangeToMono(response -> body(SpiraOperation.SEARCH, response, RUNS)),
                timeout(SpiraOperation.SEARCH)).orElse(List.of());
    }

    private Duration timeout(SpiraOperation operation) {
        return operation == SpiraOperation.SAVE ? properties.saveTimeout() : properties.readTimeout();
    }

    private static <T> Mono<T> body(SpiraOperation operation, ClientResponse response,
            ParameterizedTypeReference<T> type) {
        if (response.statusCode().is2xxSuccessful()) {
            return response.bodyToMono(type).onErrorMap(decoding -> !(decoding instanceof SpiraCallFailed),
                    decoding -> new SpiraCallFailed(operation, SpiraCallFailed.Kind.ANSWERED,
                            new SpiraError(response.statusCode().value(), SpiraError.Shape.OTHER,
                                    "an answer that is not the expected JSON", null), null));
        }
        Duration retryAfter = retryAfter(response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER));
        String contentType = response.headers().contentType().map(MediaType::toString).orElse(null);
        return response.bodyToMono(String.class).defaultIfEmpty("")
                .flatMap(text -> Mono.error(SpiraFailures.answered(operation,
                        SpiraError.parse(response.statusCode().value(), contentType, text, retryAfter))));
    }

    /** Names a transport failure by what it means for the call: never sent, lost on the way, or timed out. */
    static RuntimeException transportFailure(SpiraOperation operation, Throwable failure) {
        if (failure instanceof SpiraCallFailed || failure instanceof GatewayProblem) {
            return (RuntimeException) failure;
        }
        if (failure instanceof TimeoutException) {
            return new SpiraCallFailed(operation, SpiraCallFailed.Kind.TIMED_OUT, null, failure);
        }
        if (failure instanceof WebClientRequestException request) {
            Throwable cause = request.getMostSpecificCause();
            boolean notSent = cause instanceof ConnectException || cause instanceof ConnectTimeoutException
                    || cause instanceof UnknownHostException;
            return new SpiraCallFailed(operation, notSent ? SpiraCallFailed.Kind.NOT_SENT
                    : SpiraCallFailed.Kind.CONNECTION_LOST, null, failure);
        }
        if (failure instanceof WebClientResponseException response) {
            return SpiraFailures.answered(operation, SpiraError.parse(response.getStatusCode().value(), null,
                    response.getResponseBodyAsString(), null));
        }
        return new SpiraCallFailed(operation, SpiraCallFailed.Kind.CONNECTION_LOST, null, failure);
    }

    private static @Nullable Duration retryAfter(@Nullable String header) {
        if (header == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(header.strip()));
        } catch (NumberFormatException httpDate) {
            return null;
        }
    }
}
