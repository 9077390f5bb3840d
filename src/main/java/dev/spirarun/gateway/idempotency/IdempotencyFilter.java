package dev.spirarun.gateway.idempotency;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import dev.spirarun.gateway.system.FieldProblem;
import dev.spirarun.gateway.system.GatewayProblem;
import dev.spirarun.gateway.system.ProblemType;
import dev.spirarun.gateway.system.Problems;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} (IETF httpapi draft) for the endpoints that write to Spira. The first request with a
 * key runs; its final response is stored before it is sent; a repeat with the same body gets that response and
 * causes no Spira call; another body is 422; a repeat while the first still runs is 409.
 * <p>
 * A response that changed nothing in Spira and may succeed later (Spira unreachable, gateway busy, credentials
 * rejected) is not kept: the key is released so that a retry with it runs again.
 */
@Component
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    private static final Set<String> PATHS = Set.of("/runs", "/runs/batch");
    private static final Set<String> NOTHING_CHANGED = Set.of(ProblemType.SPIRA_CREDENTIALS.uri().toString(),
            ProblemType.SPIRA_PERMISSION.uri().toString(), ProblemType.OVERLOADED.uri().toString(),
            ProblemType.SPIRA_UNAVAILABLE.uri().toString());

    private final IdempotencyStore store;
    private final JsonMapper json;

    IdempotencyFilter(IdempotencyStore store, JsonMapper json) {
        this.store = store;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !PATHS.contains(request.getRequestURI())
                || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = key(request.getHeader(HEADER));
        if (key == null) {
            problem(response, new GatewayProblem(ProblemType.INVALID_REQUEST, "The Idempotency-Key header must be 1 to "
                    + "255 printable characters, for example a UUID.", List.of(new FieldProblem(HEADER,
                            "must be 1 to 255 printable characters"))));
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        switch (store.claim(key, fingerprint(request, body))) {
            case IdempotencyStore.Claim.Replay replay -> replay(response, replay.response());
            case IdempotencyStore.Claim.Mismatch mismatch -> problem(response, new GatewayProblem(
                    ProblemType.IDEMPOTENCY_KEY_REUSED, ("Idempotency-Key '%s' was already used for a request with a "
                            + "different body. Use a new key for a new run.").formatted(key)));
            case IdempotencyStore.Claim.InProgress busy -> problem(response, new GatewayProblem(
                    ProblemType.IDEMPOTENCY_IN_PROGRESS, ("A request with Idempotency-Key '%s' is still being processed; "
                            + "retry after the Retry-After delay to get its result.").formatted(key), List.of(),
                    Duration.ofSeconds(2), Boolean.TRUE));
            case IdempotencyStore.Claim.Claimed claimed -> run(key, claimed.token(), new CachedBody(request, body), response,
                    chain);
        }
    }

    private void run(String key, String token, HttpServletRequest request, HttpServletResponse response,
            FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, captured);
        } catch (IOException | ServletException | RuntimeException failure) {
            store.release(key, token);
            throw failure;
        }
        String text = new String(captured.getContentAsByteArray(), StandardCharsets.UTF_8);
        if (changedNothing(captured.getStatus(), text)) {
            store.release(key, token);
        } else {
            // Stored before the response leaves: a client that retries after losing it gets the same answer.
            store.complete(key, token, new IdempotencyStore.StoredResponse(captured.getStatus(), captured.getContentType(),
                    captured.getHeader(HttpHeaders.LOCATION), text));
        }
        captured.copyBodyToResponse();
    }

    /**
     * A problem that left Spira untouched and may go away; for a batch, one where no item was created and every
     * failed item is such a problem (a batch with some runs saved is kept, and its 503 items need a new key).
     */
    private boolean changedNothing(int status, String body) {
        if (status < 500 && status != 207) {
            return false;
        }
        try {
            JsonNode answer = json.readTree(body);
            if (status == 207) {
                return answer.path("results").valueStream().allMatch(item -> item.path("status").asInt() >= 500
                        && retryable(item.path("problem")));
            }
            return retryable(answer);
        } catch (RuntimeException notJson) {
            return true;
        }
    }

    private static boolean retryable(JsonNode problem) {
        return NOTHING_CHANGED.contains(problem.path("type").asString("")) || problem.path("retrySafe").asBoolean(false);
    }

    private static void replay(HttpServletResponse response, IdempotencyStore.StoredResponse stored) throws IOException {
        response.setStatus(stored.status());
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        if (stored.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, stored.location());
        }
        response.setHeader("Idempotent-Replayed", "true");
        byte[] bytes = stored.body().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private void problem(HttpServletResponse response, GatewayProblem problem) throws IOException {
        response.setStatus(problem.type().status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        Problems.headers(problem).forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.getOutputStream().write(json.writeValueAsBytes(Problems.of(problem)));
    }

    /** The draft's header is a structured-field string ({@code "abc"}); a bare token is accepted too. */
    private static @Nullable String key(String header) {
        String value = header.strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return value.isEmpty() || value.length() > 255 || !value.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? null : value;
    }

    private static String fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((request.getMethod() + " " + request.getRequestURI() + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(body));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The request with its body already read, so the fingerprint and the controller see the same bytes. */
    private static final class CachedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("blocking reads only");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
