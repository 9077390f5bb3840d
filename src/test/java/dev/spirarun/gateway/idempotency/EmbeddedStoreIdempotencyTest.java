package dev.spirarun.gateway.idempotency;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import dev.spirarun.gateway.support.MutableClock;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The embedded store: an H2 file under {@code gateway.data-dir}, used when no datasource is configured. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MutableClock.Config.class)
class EmbeddedStoreIdempotencyTest extends IdempotencyContract {

    static final Path DATA = Path.of("target", "test-data", "embedded-" + UUID.randomUUID());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        quietSpira(registry);
        registry.add("gateway.data-dir", () -> DATA.toAbsolutePath().toString());
    }

    @Override
    Map<String, Object> storeSettings() {
        // A fresh directory of its own: the restarted gateway must find what the first one wrote there.
        return Map.of("gateway.data-dir", DATA.resolveSibling(DATA.getFileName() + "-restart").toAbsolutePath().toString());
    }
}
