package dev.spirarun.gateway.spira;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.spirarun.gateway.system.GatewayProblem;
import dev.spirarun.gateway.system.ProblemType;

/**
 * Once Spira rejects the gateway's credentials, no call goes to Spira for {@code pause}: every rejected call is a
 * failed login, and a few of them lock the account — one bad key in a CI loop would otherwise lock it within
 * seconds, and the breaker does not count credential trouble (it is not Spira failing). After the pause, one call
 * is let through as a probe; the others keep getting the problem until it is answered. The pause is per pod: each
 * replica learns of a bad key from its own first rejection.
 */
final class CredentialsPause {

    private static final Logger log = LoggerFactory.getLogger(CredentialsPause.class);

    private final Duration pause;
    private final Clock clock;
    /** Until when calls are refused; null while the credentials are not known to be bad. */
    private final AtomicReference<@Nullable Instant> until = new AtomicReference<>();

    CredentialsPause(Duration pause, Clock clock) {
        this.pause = pause;
        this.clock = clock;
    }

    /**
     * Lets a call through, or throws the problem while the pause lasts.
     *
     * @return a token when this call is the one probe after a pause (hand it to {@link #settled}), else null
     */
    @Nullable Instant admit(SpiraOperation operation) {
        while (true) {
            Instant paused = until.get();
            if (paused == null) {
                return null;
            }
            Instant now = clock.instant();
            if (now.isBefore(paused)) {
                throw problem(operation, Duration.between(now, paused));
            }
            // The pause is over: whoever claims it probes, and holds the others off while it runs.
            Instant probe = now.plus(pause);
            if (until.compareAndSet(paused, probe)) {
                return probe;
            }
        }
    }

    /**
     * A probe ended. If Spira judged the key (it answered, and not with a credential rejection, which
     * {@link #rejected} handles) calls resume; if not (unreachable, timed out, the gateway's own limits), the next
     * call probes at once instead of waiting out another pause that learned nothing.
     */
    void settled(@Nullable Instant probe, boolean keyJudged) {
        if (probe == null) {
            return;
        }
        if (!keyJudged) {
            until.compareAndSet(probe, clock.instant());
        } else if (until.compareAndSet(probe, null)) {
            log.info("Spira accepted the gateway's credentials again; calls to Spira resume");
        }
    }

    /** Spira rejected the credentials: pause all calls. */
    void rejected() {
        if (pause.isZero()) {
            return;
        }
        Instant next = clock.instant().plus(pause);
        if (until.getAndSet(next) == null) {
            log.warn("Spira rejected the gateway's credentials; no call goes to Spira for {} s so that the account "
                    + "is not locked. Check SPIRA_USERNAME and SPIRA_API_KEY.", pause.toSeconds());
        }
    }

    /** Whether calls are refused now, for the health component. */
    boolean inForce() {
        Instant paused = until.get();
        return paused != null && clock.instant().isBefore(paused);
    }

    private GatewayProblem problem(SpiraOperation operation, Duration left) {
        Duration wait = Duration.ofSeconds(Math.max(1, left.toSeconds() + (left.toNanosPart() > 0 ? 1 : 0)));
        return new GatewayProblem(ProblemType.SPIRA_CREDENTIALS, ("Spira rejected the gateway's credentials shortly "
                + "before, so the gateway did not try to %s: every rejected call counts as a failed login and can lock "
                + "the Spira account. Check SPIRA_USERNAME and SPIRA_API_KEY (the RSS token, braces included); the "
                + "gateway tries Spira again in %d s. Nothing was sent or saved.").formatted(operation, wait.toSeconds()),
                List.of(), wait, Boolean.TRUE);
    }
}
