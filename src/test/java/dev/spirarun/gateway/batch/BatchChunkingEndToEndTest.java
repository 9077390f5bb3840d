package dev.spirarun.gateway.batch;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.spirarun.gateway.support.SpiraStub.json;
import static dev.spirarun.gateway.support.SpiraStub.path;
import static dev.spirarun.gateway.support.SpiraStub.savedEcho;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import dev.spirarun.gateway.support.Api;
import dev.spirarun.gateway.support.GatewayHttpTest;
import tools.jackson.databind.JsonNode;

/** {@code spira.max-runs-per-put} splits a group's runs into saves of at most that many, in order. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spira.max-runs-per-put=3")
class BatchChunkingEndToEndTest extends GatewayHttpTest {

    @Test
    void splitsAtTheLimit() {
        spira.stubFor(post(urlEqualTo(path("projects/24/test-runs/create?release_id=155"))).willReturn(json("shell-290.json")));
        spira.stubFor(put(urlEqualTo(path("projects/24/test-runs"))).willReturn(savedEcho()));

        Api.Reply reply = api.post("/runs/batch", BatchEndToEndTest.batch(
                IntStream.range(0, 7).mapToObj(i -> BatchEndToEndTest.run(i, "\"releaseId\": 155,"))));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(spira.getAllServeEvents().stream().filter(e -> e.getRequest().getMethod().getName().equals("PUT"))
                .map(e -> tools.jackson.databind.json.JsonMapper.builder().build().readTree(e.getRequest().getBodyAsString()))
                .map(JsonNode::size)).containsExactlyInAnyOrder(3, 3, 1);
    }
}
