package dev.spirarun.gateway.runs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rules for the runs callers send.
 *
 * @param maxClockSkew how far in the future a start or end may lie, for callers whose clocks run ahead
 *        ({@code GATEWAY_MAX_CLOCK_SKEW})
 */
@ConfigurationProperties("gateway")
public record RunsProperties(@DefaultValue("5m") Duration maxClockSkew) {
}
