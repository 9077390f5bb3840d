package dev.spirarun.gateway.idempotency;

import java.util.Map;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Import;

import dev.spirarun.gateway.support.MutableClock;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The same contract on a throw-away PostgreSQL container; skipped (by Testcontainers) where Docker is not available. */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MutableClock.Config.class)
class ContainerPostgresIdempotencyTest extends IdempotencyContract {

    @Container
    @ServiceConnection
    static PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:16-alpine");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        quietSpira(registry);
    }

    @Override
    Map<String, Object> storeSettings() {
        return Map.of("spring.datasource.url", postgres.getJdbcUrl(), "spring.datasource.username", postgres.getUsername(),
                "spring.datasource.password", postgres.getPassword());
    }
}
