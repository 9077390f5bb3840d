package dev.spirarun.gateway.system;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.spirarun.gateway.support.SpiraStub.json;
import static dev.spirarun.gateway.support.SpiraStub.path;
import static dev.spirarun.gateway.support.SpiraStub.savedEcho;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.spirarun.gateway.GatewayApplication;
import dev.spirarun.gateway.support.Api;
import dev.spirarun.gateway.support.SpiraStub;

/** On shutdown the gateway stops taking requests but finishes the save in flight: no run is abandoned halfway. */
class GracefulShutdownTest {

    @RegisterExtension
    static WireMockExtension spira = SpiraStub.server();

    @Test
    void aRequestInFlightCompletesAcrossShutdown() throws Exception {
        spira.stubFor(post(urlEqualTo(path("projects/24/test-runs/create?release_id=155"))).willReturn(json("shell-290.json")));
        spira.stubFor(put(urlEqualTo(path("projects/24/test-runs"))).willReturn(savedEcho().withFixedDelay(2000)));
        ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0", "--spira.url=" + spira.baseUrl(), "--spira.username=" + SpiraStub.USERNAME,
                "--spira.api-key=" + SpiraStub.API_KEY, "--gateway.data-dir=target/test-data/shutdown");
        int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
        Api api = new Api(port);

        CompletableFuture<Api.Reply> inFlight = CompletableFuture.supplyAsync(() -> api.post("/runs", """
                { "projectId": 24, "testCaseId": 290, "releaseId": 155, "status": "PASSED",
                  "startedAt": "2026-11-30T08:00:00Z", "endedAt": "2026-11-30T08:01:00Z" }"""));
        for (int i = 0; i < 100 && spira.findAll(putRequestedFor(anyUrl())).isEmpty(); i++) {
            Thread.sleep(20);
        }
        assertThat(spira.findAll(putRequestedFor(anyUrl()))).as("the save is in flight").hasSize(1);

        long started = System.nanoTime();
        gateway.close();
        long closedAfterMillis = (System.nanoTime() - started) / 1_000_000;

        Api.Reply reply = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().get("testRunId").asLong()).isPositive();
        assertThat(closedAfterMillis).as("shutdown waited for the save").isGreaterThan(1000);
        assertThat(gateway.isActive()).isFalse();
    }
}
