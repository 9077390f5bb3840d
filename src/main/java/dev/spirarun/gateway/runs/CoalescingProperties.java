package dev.spirarun.gateway.runs;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Micro-batching of concurrent {@code POST /runs} requests of the same (project, release, test set).
 *
 * @param enabled whether single runs are coalesced at all ({@code GATEWAY_COALESCING_ENABLED})
 * @param window how long a new batch waits for company while another batch of its group is in flight and a
 *        further one may start, and how long a waiting batch still gathers once a batch finishes; a request for an
 *        idle group is always sent at once ({@code GATEWAY_COALESCING_WINDOW})
 * @param maxInFlight how many batches of one group may be recorded at once; beyond that new requests gather until
 *        one finishes
 * @param maxDelay the longest a batch waits for its group's previous save to finish before it is sent anyway
 * @param maxRuns the most runs in one coalesced batch; 0 means {@code spira.max-runs-per-put}
 */
@ConfigurationProperties("gateway.coalescing")
@Validated
record CoalescingProperties(@DefaultValue("true") boolean enabled, @DefaultValue("10ms") Duration window,
        @DefaultValue("2") @Min(1) int maxInFlight, @DefaultValue("1s") Duration maxDelay,
        @DefaultValue("0") @Min(0) int maxRuns) {
}
