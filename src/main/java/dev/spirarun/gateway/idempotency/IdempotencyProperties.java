package dev.spirarun.gateway.idempotency;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param ttl how long a key and its stored response are kept ({@code GATEWAY_IDEMPOTENCY_TTL})
 * @param lease how long a claimed key counts as in progress before another request may take it over: far longer
 *        than the slowest request (a 500-run batch: five saves, each with queueing, timeout, settling,
 *        reconciliation and a second save)
 */
@ConfigurationProperties("gateway.idempotency")
record IdempotencyProperties(@DefaultValue("24h") Duration ttl, @DefaultValue("1h") Duration lease) {
}
