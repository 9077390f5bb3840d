package dev.spirarun.gateway.idempotency;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keys and their responses in one table, shared by every replica. The primary key makes the claim atomic:
 * of concurrent requests with one key, exactly one inserts the row; the others see it.
 */
@Component
class IdempotencyStore {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyStore.class);

    private final JdbcClient jdbc;
    private final IdempotencyProperties properties;
    private final Clock clock;

    IdempotencyStore(JdbcClient jdbc, IdempotencyProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** A stored final response. */
    record StoredResponse(int status, @Nullable String contentType, @Nullable String location, String body) {
    }

    /** What a request finds for its key. */
    sealed interface Claim {
        /** The key is new (or expired): this request goes ahead and must complete or release it with its token. */
        record Claimed(String token) implements Claim {
        }

        /** The first request with this key finished: answer what it answered. */
        record Replay(StoredResponse response) implements Claim {
        }

        /** The key was used with another body. */
        record Mismatch() implements Claim {
        }

        /** The first request with this key is still running. */
        record InProgress() implements Claim {
        }
    }

    Claim claim(String key, String fingerprint) {
        Instant now = clock.instant();
        for (int attempt = 0; attempt < 3; attempt++) {
            String token = UUID.randomUUID().toString();
            try {
                jdbc.sql("INSERT INTO idempotency_key (idem_key, fingerprint, state, created_at, expires_at, claim_token) "
                        + "VALUES (?, ?, 'IN_PROGRESS', ?, ?, ?)")
                        .params(key, fingerprint, ts(now), ts(now.plus(properties.ttl())), token).update();
                return new Claim.Claimed(token);
            } catch (DuplicateKeyException taken) {
                Optional<Row> row = find(key);
                if (row.isEmpty()) {
                    continue;
                }
                Row existing = row.get();
                boolean expired = existing.expiresAt().isBefore(now);
                boolean abandoned = existing.state().equals("IN_PROGRESS")
                        && existing.createdAt().plus(properties.lease()).isBefore(now);
                if (expired || abandoned) {
                    // Compare-and-delete: only one of several racing requests removes the stale row.
                    jdbc.sql("DELETE FROM idempotency_key WHERE idem_key = ? AND created_at = ?")
                            .params(key, ts(existing.createdAt())).update();
                    continue;
                }
                if (!existing.fingerprint().equals(fingerprint)) {
                    return new Claim.Mismatch();
                }
                if (existing.state().equals("IN_PROGRESS")) {
                    return new Claim.InProgress();
                }
                return new Claim.Replay(new StoredResponse(existing.status(), existing.contentType(), existing.location(),
                        existing.body()));
            }
        }
        return new Claim.InProgress();
    }

    void complete(String key, String token, StoredResponse response) {
        jdbc.sql("UPDATE idempotency_key SET state = 'DONE', status = ?, content_type = ?, location = ?, body = ? "
                + "WHERE idem_key = ? AND claim_token = ?")
                .params(response.status(), response.contentType(), response.location(), response.body(), key, token)
                .update();
    }

    /** Forget a claim whose request changed nothing, so that a retry with the same key runs again. */
    void release(String key, String token) {
        jdbc.sql("DELETE FROM idempotency_key WHERE idem_key = ? AND claim_token = ? AND state = 'IN_PROGRESS'")
                .params(key, token).update();
    }

    @Scheduled(fixedDelayString = "${gateway.idempotency.purge-interval:PT1H}", initialDelayString = "PT1M")
    void purgeExpired() {
        int purged = jdbc.sql("DELETE FROM idempotency_key WHERE expires_at < ?").param(ts(clock.instant())).update();
        if (purged > 0) {
            log.info("Purged {} expired idempotency keys", purged);
        }
    }

    private Optional<Row> find(String key) {
        return jdbc.sql("SELECT fingerprint, state, status, content_type, location, body, created_at, expires_at "
                + "FROM idempotency_key WHERE idem_key = ?").param(key)
                .query((rs, n) -> new Row(rs.getString("fingerprint"), rs.getString("state"), rs.getInt("status"),
                        rs.getString("content_type"), rs.getString("location"), rs.getString("body"),
                        rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant()))
                .optional();
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private record Row(String fingerprint, String state, int status, @Nullable String contentType,
            @Nullable String location, String body, Instant createdAt, Instant expiresAt) {
    }
}
