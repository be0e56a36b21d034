-- The upstream credential guard shared by all replicas: one row per access key (hex SHA-256 of
-- the AK, never the key itself), so a rotated key starts unproven and an old key's pause does not
-- hold back the new one. Every request sent upstream takes a number from upstream_send_seq first:
-- a success only clears the failures of requests sent before it.
CREATE TABLE upstream_credential_guard (
    credential      VARCHAR(64)              NOT NULL,
    failures        INTEGER                  NOT NULL, -- consecutive 401s
    proven          BOOLEAN                  NOT NULL, -- a request with this key was ever accepted
    last_failed_seq BIGINT                   NOT NULL, -- send number of the latest request answered 401
    probe_seq       BIGINT,                            -- send number of the one probe allowed while unproven
    probe_until     TIMESTAMP WITH TIME ZONE,          -- the probe's claim lapses then (its replica may be gone)
    paused_until    TIMESTAMP WITH TIME ZONE,
    pause_seq       BIGINT,                            -- send number of the refused request that started the pause
    CONSTRAINT upstream_credential_guard_pk PRIMARY KEY (credential)
);

CREATE SEQUENCE upstream_send_seq;
