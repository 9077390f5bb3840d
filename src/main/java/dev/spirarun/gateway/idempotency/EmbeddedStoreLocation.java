package dev.spirarun.gateway.idempotency;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Without {@code SPRING_DATASOURCE_URL} the store is an H2 file under {@code GATEWAY_DATA_DIR} (default
 * {@code ./data}). H2 refuses paths relative to the working directory unless they start with {@code ./}, so the
 * directory is made absolute here rather than leaving {@code GATEWAY_DATA_DIR=data} to fail at start-up.
 */
class EmbeddedStoreLocation implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("spring.datasource.url")) {
            return;
        }
        Path dir = Path.of(environment.getProperty("gateway.data-dir", "./data")).toAbsolutePath().normalize();
        environment.getPropertySources().addLast(new MapPropertySource("embeddedIdempotencyStore",
                Map.of("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("gateway") + ";DB_CLOSE_ON_EXIT=FALSE")));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
