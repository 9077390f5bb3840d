package dev.spirarun.gateway.idempotency;

import java.util.Map;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import dev.spirarun.gateway.support.MutableClock;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The shared store on the machine's own PostgreSQL (127.0.0.1:5432, trust auth, database {@code test}; CI starts
 * it). The tests use a schema of their own, created by Flyway.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MutableClock.Config.class)
class PostgresIdempotencyTest extends IdempotencyContract {

    static final Map<String, Object> STORE = Map.of(
            "spring.datasource.url", System.getProperty("test.postgres.url",
                    "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=gateway_it"),
            "spring.datasource.username", System.getProperty("test.postgres.username", "postgres"),
            "spring.datasource.password", System.getProperty("test.postgres.password", ""),
            "spring.flyway.schemas", "gateway_it");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        quietSpira(registry);
        STORE.forEach((name, value) -> registry.add(name, () -> value));
    }

    @Override
    Map<String, Object> storeSettings() {
        return STORE;
    }
}
