-- Idempotency-Key claims and stored answers, scoped to the team. The primary key is what makes a
-- claim atomic across replicas.
CREATE TABLE idempotency_keys (
    team             VARCHAR(255)             NOT NULL,
    idempotency_key  VARCHAR(255)             NOT NULL,
    fingerprint      VARCHAR(64)              NOT NULL, -- hex SHA-256 of pool + body
    state            VARCHAR(16)              NOT NULL,
    response_status  INTEGER,
    response_body    VARCHAR,
    response_headers VARCHAR,                           -- JSON object, e.g. {"Location": "..."}
    audit_id         UUID                     NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at     TIMESTAMP WITH TIME ZONE,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT idempotency_keys_pk PRIMARY KEY (team, idempotency_key),
    CONSTRAINT idempotency_keys_state_ck CHECK (state IN ('IN_FLIGHT', 'COMPLETED'))
);

CREATE INDEX idempotency_keys_expires_ix ON idempotency_keys (expires_at);
