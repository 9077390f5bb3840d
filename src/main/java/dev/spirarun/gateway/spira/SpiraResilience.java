package dev.spirarun.gateway.spira;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.spirarun.gateway.system.GatewayProblem;
import dev.spirarun.gateway.system.ProblemType;
import reactor.core.publisher.Mono;

/**
 * The policies around every Spira call, from resilience4j: a circuit breaker over all of Spira, a cap on calls
 * in flight, a cap (with a bounded queue) on saves in flight per project — Spira's summary refresh deadlocks
 * under concurrent writers — and retries with exponential backoff and full jitter for safe calls only.
 * A save is never retried and an authentication failure never is either: a wrong key can lock the account, so
 * after one the gateway stops calling Spira for a while ({@link CredentialsPause}).
 */
@Component
public class SpiraResilience {

    private static final Logger log = LoggerFactory.getLogger(SpiraResilience.class);

    private final SpiraProperties properties;
    private final CircuitBreaker breaker;
    private final Bulkhead calls;
    private final RetryConfig retryConfig;
    private final Map<Long, ProjectWrites> writes = new ConcurrentHashMap<>();
    private final CredentialsPause credentials;

    SpiraResilience(SpiraProperties properties, Clock clock) {
        this.properties = properties;
        this.credentials = new CredentialsPause(properties.credentialsPause(), clock);
        SpiraProperties.CircuitBreaker cb = properties.circuitBreaker();
        this.breaker = CircuitBreaker.of("spira", CircuitBreakerConfig.custom()
                .failureRateThreshold(cb.failureRateThreshold())
                .minimumNumberOfCalls(cb.minimumCalls())
                .slidingWindowSize(cb.windowSize())
                .waitDurationInOpenState(cb.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .recordException(SpiraResilience::spiraIsFailing)
                .ignoreExceptions(BulkheadFullException.class, GatewayProblem.class)
                .build());
        this.breaker.getEventPublisher().onStateTransition(event -> log.info("Spira circuit breaker: {} -> {}",
                event.getStateTransition().getFromState(), event.getStateTransition().getToState()));
        this.calls = Bulkhead.of("spira-calls", BulkheadConfig.custom()
                .maxConcurrentCalls(properties.maxConcurrentCalls())
                .maxWaitDuration(properties.writeQueueTimeout()).build());
        SpiraProperties.Retry retry = properties.retry();
        this.retryConfig = RetryConfig.<Object>custom()
                .maxAttempts(retry.maxAttempts())
                .retryOnException(SpiraResilience::worthRetrying)
                .intervalBiFunction((attempt, outcome) -> backoff(attempt, outcome, retry))
                .failAfterMaxAttempts(false)
                .build();
    }

    /** The breaker's state, for the {@code spira} health component. */
    public CircuitBreaker.State state() {
        return breaker.getState();
    }

    /** Whether calls are paused after Spira rejected the credentials, for the {@code spira} health component. */
    boolean credentialsPaused() {
        return credentials.inForce();
    }

    <T> Optional<T> call(SpiraOperation operation, long projectId, String subject, Supplier<Mono<T>> exchange,
            Duration timeout) {
        Supplier<Optional<T>> attempt = () -> Optional.ofNullable(exchange.get().timeout(timeout)
                .onErrorMap(failure -> SpiraClient.transportFailure(operation, failure)).block());
        Supplier<Optional<T>> guarded = CircuitBreaker.decorateSupplier(breaker, Bulkhead.decorateSupplier(calls, attempt));
        if (operation.safe()) {
            // One Retry per call (cheap: the config is shared) so that its log line can name this call's subject.
            Retry retry = Retry.of("spira-" + operation.name(), retryConfig);
            retry.getEventPublisher().onRetry(event -> log.info("Retrying '{}' for {} in project {} (attempt {} of {}) in {} ms: {}",
                    operation, subject, projectId, event.getNumberOfRetryAttempts() + 1, properties.retry().maxAttempts(),
                    event.getWaitInterval().toMillis(), event.getLastThrowable().getMessage()));
            guarded = Retry.decorateSupplier(retry, guarded);
        } else {
            guarded = writes.computeIfAbsent(projectId, id -> new ProjectWrites(id, properties)).guard(guarded);
        }
        Instant probe = credentials.admit(operation);
        // Whether Spira looked at the key: only then does a probe after a credentials pause tell anything.
        boolean keyJudged = false;
        try {
            Optional<T> answer = guarded.get();
            keyJudged = true;
            return answer;
        } catch (GatewayProblem problem) {
            // From SpiraFailures: a rejected key, or an answer (no membership, no permission) to a key Spira accepted.
            if (problem.type() == ProblemType.SPIRA_CREDENTIALS) {
                credentials.rejected();
            } else {
                keyJudged = true;
            }
            throw problem;
        } catch (SpiraCallFailed failure) {
            keyJudged = failure.judgedKey();
            throw failure;
        } catch (CallNotPermittedException open) {
            Duration wait = properties.circuitBreaker().openFor();
            throw new GatewayProblem(ProblemType.SPIRA_UNAVAILABLE, ("Spira has been failing, so the gateway stopped "
                    + "calling it for %d s; nothing was sent or saved. Retry after the Retry-After delay.")
                    .formatted(wait.toSeconds()), List.of(), wait, Boolean.TRUE);
        } catch (BulkheadFullException busy) {
            throw new GatewayProblem(ProblemType.OVERLOADED, ("The gateway already has as many calls in flight to "
                    + "Spira as it allows (%d in all, %d saves per project) and no slot freed up in time; nothing was "
                    + "saved. Retry after the Retry-After delay.").formatted(properties.maxConcurrentCalls(),
                            properties.maxConcurrentWritesPerProject()), List.of(), Duration.ofSeconds(2), Boolean.TRUE);
        } finally {
            credentials.settled(probe, keyJudged);
        }
    }

    /** Spira itself is in trouble (not the request): unreachable, silent, or answering 5xx. */
    private static boolean spiraIsFailing(Throwable failure) {
        return failure instanceof SpiraCallFailed call && (call.kind() != SpiraCallFailed.Kind.ANSWERED
                || call.status() >= 500);
    }

    private static boolean worthRetrying(Throwable failure) {
        if (!(failure instanceof SpiraCallFailed call)) {
            return false;
        }
        if (call.kind() != SpiraCallFailed.Kind.ANSWERED || call.deadlocked()) {
            // A deadlock victim (400) says nothing about the request: Spira's saves contend, and the next try works.
            return true;
        }
        int status = call.status();
        return status == 429 || status == 502 || status == 503 || status == 504;
    }

    /** Full jitter: a random wait up to the exponential cap, or Spira's own {@code Retry-After} when it sent one. */
    private static long backoff(int attempt, Either<Throwable, Object> outcome, SpiraProperties.Retry retry) {
        long capMillis = retry.maxBackoff().toMillis();
        if (outcome.isLeft() && outcome.getLeft() instanceof SpiraCallFailed call && call.error() != null
                && call.error().retryAfter() != null) {
            return Math.min(capMillis, call.error().retryAfter().toMillis());
        }
        long exponential = retry.initialBackoff().toMillis() << Math.min(20, attempt - 1);
        return ThreadLocalRandom.current().nextLong(Math.min(capMillis, exponential) + 1);
    }

    /**
     * Saves into one project: {@code admission} bounds the queue (no wait), {@code running} bounds the saves in
     * flight and makes queued ones wait at most the queue timeout.
     */
    private record ProjectWrites(Bulkhead admission, Bulkhead running) {

        ProjectWrites(long projectId, SpiraProperties properties) {
            this(Bulkhead.of("spira-admission-" + projectId, BulkheadConfig.custom()
                    .maxConcurrentCalls(properties.maxConcurrentWritesPerProject() + properties.writeQueueSize())
                    .maxWaitDuration(Duration.ZERO).build()),
                    Bulkhead.of("spira-writes-" + projectId, BulkheadConfig.custom()
                            .maxConcurrentCalls(properties.maxConcurrentWritesPerProject())
                            .maxWaitDuration(properties.writeQueueTimeout()).build()));
        }

        <T> Supplier<T> guard(Supplier<T> save) {
            return Bulkhead.decorateSupplier(admission, Bulkhead.decorateSupplier(running, save));
        }
    }
}
