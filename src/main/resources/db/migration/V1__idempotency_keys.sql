-- One row per Idempotency-Key: claimed while the first request runs, then holding its final response.
CREATE TABLE idempotency_key (
    idem_key     VARCHAR(255) NOT NULL PRIMARY KEY,
    fingerprint  VARCHAR(64)  NOT NULL,
    state        VARCHAR(16)  NOT NULL,
    status       INTEGER,
    content_type VARCHAR(128),
    location     VARCHAR(512),
    body         TEXT,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX idempotency_key_expires_at ON idempotency_key (expires_at);
