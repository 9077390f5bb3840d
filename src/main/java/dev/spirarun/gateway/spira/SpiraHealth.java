package dev.spirarun.gateway.spira;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code spira} health component: the circuit breaker's state and whether calls are paused after a credential
 * rejection (DOWN: an operator must fix the key), without calling Spira. Not part of the
 * readiness group — Spira being down is no reason to take the gateway's pods out of service.
 */
@Component("spira")
class SpiraHealth implements HealthIndicator {

    private final SpiraResilience resilience;
    private final SpiraProperties properties;

    SpiraHealth(SpiraResilience resilience, SpiraProperties properties) {
        this.resilience = resilience;
        this.properties = properties;
    }

    @Override
    public Health health() {
        var state = resilience.state();
        boolean credentialsPaused = resilience.credentialsPaused();
        Health.Builder health = credentialsPaused ? Health.down() : switch (state) {
            case OPEN, FORCED_OPEN -> Health.outOfService();
            default -> Health.up();
        };
        return health.withDetail("circuitBreaker", state.name())
                .withDetail("credentials", credentialsPaused ? "rejected: calls paused" : "not rejected")
                .withDetail("url", properties.url().toString()).build();
    }
}
