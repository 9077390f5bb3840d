package dev.spirarun.gateway.runs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Micro-batching of concurrent {@code POST /runs} requests of the same (project, release, test set).
 *
 * @param enabled whether single runs are coalesced at all ({@code GATEWAY_COALESCING_ENABLED})
 * @param window how long a new batch waits for company before it is sent when its group has no save in
 *        flight; 0 sends it at once, so a lone request is never delayed ({@code GATEWAY_COALESCING_WINDOW})
 * @param maxDelay the longest a batch waits for its group's previous save to finish before it is sent anyway
 * @param maxRuns the most runs in one coalesced batch; 0 means {@code spira.max-runs-per-put}
 */
@ConfigurationProperties("gateway.coalescing")
record CoalescingProperties(@DefaultValue("true") boolean enabled, @DefaultValue("0ms") Duration window,
        @DefaultValue("1s") Duration maxDelay, @DefaultValue("0") int maxRuns) {
}
