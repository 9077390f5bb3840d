package dev.spirarun.gateway.spira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.spirarun.gateway.support.MutableClock;
import dev.spirarun.gateway.system.GatewayProblem;

/** The pause itself: one probe at a time, and a probe that learned nothing does not buy another pause. */
class CredentialsPauseTest {

    final MutableClock clock = new MutableClock();
    final CredentialsPause pause = new CredentialsPause(Duration.ofMinutes(5), clock);

    @Test
    void afterThePauseExactlyOneOfManyConcurrentCallsProbes() throws Exception {
        pause.rejected();
        clock.advance(Duration.ofMinutes(5));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Instant>> calls = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit((Callable<Instant>) () -> {
                    start.await();
                    try {
                        return pause.admit(SpiraOperation.SHELL);
                    } catch (GatewayProblem refused) {
                        return null;
                    }
                }));
            }
            start.countDown();
            long probes = 0;
            for (Future<Instant> call : calls) {
                probes += call.get() != null ? 1 : 0;
            }
            assertThat(probes).isEqualTo(1);
        }
    }

    @Test
    void aProbeSpiraNeverAnsweredLetsTheNextCallProbeAtOnce() {
        Instant probe = probeAfterPause();
        assertThat(probe).isNotNull();
        assertThatThrownBy(() -> pause.admit(SpiraOperation.SHELL)).as("while the probe runs").isInstanceOf(GatewayProblem.class);

        pause.settled(probe, false);

        assertThat(pause.admit(SpiraOperation.SHELL)).as("the next call is the new probe").isNotNull();
    }

    @Test
    void aProbeSpiraAcceptedEndsThePause() {
        Instant probe = probeAfterPause();

        pause.settled(probe, true);

        assertThat(pause.inForce()).isFalse();
        assertThat(pause.admit(SpiraOperation.SHELL)).as("no probe: calls go through as normal").isNull();
    }

    @Test
    void aProbeRejectedAgainStartsAFullPause() {
        Instant probe = probeAfterPause();

        pause.rejected();
        pause.settled(probe, false);

        clock.advance(Duration.ofMinutes(4));
        assertThatThrownBy(() -> pause.admit(SpiraOperation.SHELL)).isInstanceOf(GatewayProblem.class)
                .satisfies(refused -> assertThat(((GatewayProblem) refused).retryAfter()).isEqualTo(Duration.ofMinutes(1)));
    }

    /** A rejection, the whole pause, then the call that probes. */
    private Instant probeAfterPause() {
        pause.rejected();
        clock.advance(Duration.ofMinutes(6));
        return pause.admit(SpiraOperation.SHELL);
    }
}
