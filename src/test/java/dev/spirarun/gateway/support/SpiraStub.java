package dev.spirarun.gateway.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import org.springframework.test.context.DynamicPropertyRegistry;

/** WireMock playing Spira: paths, answers and error shapes as Spira has them. */
public final class SpiraStub {

    public static final String BASE = "/Services/v7_0/RestService.svc/";
    public static final String USERNAME = "gateway-bot";
    public static final String API_KEY = "{7A05FD06-83C3-4436-B37F-51BCF0060483}";

    private SpiraStub() {
    }

    /** One port for the whole test run (see {@link GatewayHttpTest}). */
    public static final int PORT = freePort();

    public static WireMockExtension server() {
        return WireMockExtension.newInstance().options(wireMockConfig().port(PORT).containerThreads(64)
                .extensions(new SpiraSaveEcho(), new SlowSave())).build();
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Points the gateway under test at this WireMock, with the gateway's credentials. */
    public static void register(DynamicPropertyRegistry registry, WireMockExtension spira) {
        registry.add("spira.url", spira::baseUrl);
        registry.add("spira.username", () -> USERNAME);
        registry.add("spira.api-key", () -> API_KEY);
    }

    public static String path(String relative) {
        return BASE + relative;
    }

    public static ResponseDefinitionBuilder json(String fixture) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(Fixtures.spira(fixture));
    }

    /** A save answered like Spira: the sent runs with IDs assigned and statuses derived. */
    public static ResponseDefinitionBuilder savedEcho() {
        return aResponse().withTransformers(SpiraSaveEcho.NAME);
    }

    public static ResponseDefinitionBuilder html(int status, String fixture) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/html").withBody(Fixtures.spira(fixture));
    }

    public static ResponseDefinitionBuilder jsonError(int status, String fixture) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(Fixtures.spira(fixture));
    }
}
