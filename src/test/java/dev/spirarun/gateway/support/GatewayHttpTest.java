package dev.spirarun.gateway.support;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An end-to-end test: the gateway on a random port, called over real HTTP, with WireMock playing Spira. WireMock
 * listens on one port for the whole test run, so Spring may share a context between test classes safely.
 */
public abstract class GatewayHttpTest {

    @RegisterExtension
    protected static final WireMockExtension spira = SpiraStub.server();

    @DynamicPropertySource
    static void spiraProperties(DynamicPropertyRegistry registry) {
        SpiraStub.register(registry, spira);
    }

    @LocalServerPort
    protected int port;

    protected Api api;

    @BeforeEach
    void api() {
        api = new Api(port);
    }
}
