package dev.spirarun.gateway.system;

import java.util.Arrays;
import java.util.stream.Collectors;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API's front page in Swagger UI, with every problem type the gateway answers. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

    /** The {@code Idempotency-Key} header as both writing endpoints document it. */
    public static final String IDEMPOTENCY_KEY = "A unique key per logical request, e.g. a UUID. Makes retries safe: a "
            + "repeat with the same key and body gets the first response without calling Spira; another body is 422; "
            + "a repeat while the first runs is 409. Kept for GATEWAY_IDEMPOTENCY_TTL (24 h).";

    @Bean
    OpenAPI gatewayApi() {
        String problems = Arrays.stream(ProblemType.values())
                .map(type -> "| %d | `%s` | %s. %s |".formatted(type.status().value(), type.uri(), type.title(),
                        type.description()))
                .collect(Collectors.joining("\n"));
        return new OpenAPI().info(new Info().title("Spira Run Gateway").version("v1")
                .license(new License().name("Internal use"))
                .description("""
                        Record a manual test run in Inflectra Spira with one call. The gateway fetches Spira's run \
                        shell, applies the step outcomes, refuses what Spira would silently get wrong, saves the run \
                        and answers with what Spira stored.

                        Every error is an RFC 9457 `application/problem+json` body with a stable `type`; 5xx problems \
                        say in `retrySafe` whether sending the same request again is safe, and 503s carry \
                        `Retry-After`. Send an `Idempotency-Key` header to make any retry safe.

                        | status | type | meaning |
                        |---|---|---|
                        """ + problems));
    }
}
