package dev.spirarun.gateway.spira;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.spirarun.gateway.system.MissingSetting;

/**
 * How the gateway reaches Spira. Bound from {@code SPIRA_*} environment variables.
 *
 * @param url the Spira instance's web address, e.g. {@code https://acme.spiraservice.net} ({@code SPIRA_URL})
 * @param username the gateway's Spira login ({@code SPIRA_USERNAME})
 * @param apiKey the login's RSS token, braces included; a secret ({@code SPIRA_API_KEY})
 * @param apiVersion the REST API version in the service path
 * @param connectTimeout how long to wait for a TCP connection to Spira
 * @param readTimeout how long to wait for Spira's answer to a shell, read or search call
 * @param saveTimeout how long to wait for Spira's answer to a save; below Spira's own ~90 s request limit
 * @param saveSettleTime after a save timed out, lost its connection or met a proxy error (502, 504), how long to
 *        wait before checking whether Spira stored it: Spira's web server may still finish the request until its own
 *        ~90 s limit
 * @param maxRunsPerPut the most runs sent to Spira in one save
 * @param maxConcurrentWritesPerProject the most saves in flight at once into one Spira project
 * @param maxConcurrentCalls the most Spira calls in flight at once, overall
 * @param writeQueueSize how many saves may wait for a free slot before the gateway answers 503
 * @param writeQueueTimeout how long a save may wait for a free slot before the gateway answers 503
 * @param credentialsPause after Spira rejected the credentials, how long no call goes to Spira (each rejected call is a
 *        failed login, and a few lock the account); then one call tries again. Zero turns the pause off
 * @param retry how safe calls (shell, read, search) are retried
 * @param circuitBreaker when the gateway stops calling a failing Spira
 */
@ConfigurationProperties("spira")
@Validated
public record SpiraProperties(
        @Nullable URI url,
        @Nullable String username,
        @Nullable String apiKey,
        @DefaultValue("v7_0") String apiVersion,
        @DefaultValue("5s") @NotNull Duration connectTimeout,
        @DefaultValue("30s") @NotNull Duration readTimeout,
        @DefaultValue("80s") @NotNull Duration saveTimeout,
        @DefaultValue("15s") @NotNull Duration saveSettleTime,
        @DefaultValue("100") @Min(1) @Max(500) int maxRunsPerPut,
        @DefaultValue("3") @Min(1) int maxConcurrentWritesPerProject,
        @DefaultValue("10") @Min(1) int maxConcurrentCalls,
        @DefaultValue("100") @Min(0) int writeQueueSize,
        @DefaultValue("30s") @NotNull Duration writeQueueTimeout,
        @DefaultValue("5m") @NotNull Duration credentialsPause,
        @DefaultValue Retry retry,
        @DefaultValue CircuitBreaker circuitBreaker) {

    public SpiraProperties {
        // A production deploy must never silently talk to a fake, so there is no default address.
        if (url == null || url.toString().isBlank()) {
            throw new MissingSetting("SPIRA_URL", "the Spira instance's web address, e.g. https://acme.spiraservice.net");
        }
        if (username == null || username.isBlank()) {
            throw new MissingSetting("SPIRA_USERNAME", "the gateway's Spira login");
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new MissingSetting("SPIRA_API_KEY", "the login's RSS token, braces included (from a Kubernetes Secret)");
        }
        String address = url.toString();
        url = URI.create(address.endsWith("/") ? address.substring(0, address.length() - 1) : address);
    }

    /** The REST service root, ending in a slash. */
    public URI restBase() {
        return URI.create(url + "/Services/" + apiVersion + "/RestService.svc/");
    }

    /** Where a person sees the run in Spira's web UI. */
    public URI runPage(long projectId, long testRunId) {
        return URI.create(url + "/" + projectId + "/TestRun/" + testRunId + ".aspx");
    }

    /** Never print the key: records put every component into {@code toString()}. */
    @Override
    public String toString() {
        return "SpiraProperties[url=%s, username=%s, apiKey=******, apiVersion=%s]".formatted(url, username, apiVersion);
    }

    /**
     * @param maxAttempts attempts in all, the first included
     * @param initialBackoff the mean wait before the second attempt; doubles with each attempt, with full jitter
     * @param maxBackoff the longest wait between attempts, a {@code Retry-After} from Spira included
     */
    public record Retry(@DefaultValue("3") @Min(1) int maxAttempts, @DefaultValue("200ms") Duration initialBackoff,
            @DefaultValue("5s") Duration maxBackoff) {
    }

    /**
     * @param failureRateThreshold percentage of failed calls that opens the breaker
     * @param minimumCalls how many calls are needed before the rate counts
     * @param windowSize how many recent calls the rate is computed over
     * @param openFor how long the breaker stays open before it lets a probe call through
     */
    public record CircuitBreaker(@DefaultValue("50") float failureRateThreshold, @DefaultValue("5") int minimumCalls,
            @DefaultValue("10") int windowSize, @DefaultValue("30s") Duration openFor) {
    }
}
