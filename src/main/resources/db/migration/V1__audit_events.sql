-- One row per execution request: written before the upstream call (outcome 'pending') and
-- completed after it. Portable SQL: runs unchanged on PostgreSQL 15 and on H2 in PostgreSQL mode.
CREATE TABLE audit_events (
    id                  UUID                     NOT NULL,
    request_id          VARCHAR(200)             NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at        TIMESTAMP WITH TIME ZONE,
    principal           VARCHAR(255),
    team                VARCHAR(255),
    client_address      VARCHAR(64),
    pool_id             VARCHAR(64),
    script_ids          VARCHAR                  NOT NULL, -- JSON array of script ids
    command_type        VARCHAR(16),
    command_sha256      VARCHAR(64),
    command_content     VARCHAR,                           -- only when configured to store it
    desktop_count       INTEGER,                           -- null: the whole pool
    gray_count          INTEGER,
    gray_desktop_count  INTEGER,
    gray_fail_threshold INTEGER,
    post_finish         VARCHAR(16),
    execution_timeout   INTEGER,
    dry_run             BOOLEAN                  NOT NULL,
    decision            VARCHAR(8),
    reasons             VARCHAR                  NOT NULL, -- JSON array of {rule, detail}
    outcome             VARCHAR(32)              NOT NULL,
    upstream_status     INTEGER,
    upstream_error_code VARCHAR(64),
    upstream_request_id VARCHAR(128),
    task_id             VARCHAR(64),
    attempts            INTEGER                  NOT NULL,
    duration_ms         BIGINT,
    idempotency_key     VARCHAR(255),
    replay_of           UUID,                              -- id of the row whose answer was replayed
    CONSTRAINT audit_events_pk PRIMARY KEY (id),
    CONSTRAINT audit_events_decision_ck CHECK (decision IN ('ALLOWED', 'DENIED')),
    CONSTRAINT audit_events_outcome_ck CHECK (outcome IN (
        'pending', 'submitted', 'dry_run', 'invalid', 'unauthenticated', 'denied', 'rate_limited',
        'duplicate', 'upstream_rejected', 'upstream_failed', 'unknown', 'circuit_open', 'audit_unavailable'))
);

CREATE INDEX audit_events_team_created_ix ON audit_events (team, created_at DESC, id DESC);
CREATE INDEX audit_events_created_ix ON audit_events (created_at DESC, id DESC);
CREATE INDEX audit_events_task_ix ON audit_events (task_id);
CREATE INDEX audit_events_outcome_created_ix ON audit_events (outcome, created_at);
