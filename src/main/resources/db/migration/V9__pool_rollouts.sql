-- Rollouts that hold a pool under the policy's pool-concurrency: one row per slot, claimed before
-- the upstream call. The primary key makes the claim atomic across replicas; a row is deleted when
-- its task is seen finished, when the call proved nothing ran, or when its status could not be
-- read for longer than gateway.pool-rollouts.unreadable-after.
CREATE TABLE pool_rollouts (
    pool_id        VARCHAR(64)              NOT NULL,
    slot           INTEGER                  NOT NULL,
    audit_id       UUID                     NOT NULL,
    team           VARCHAR(255)             NOT NULL,
    claimed_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    status_seen_at TIMESTAMP WITH TIME ZONE NOT NULL, -- last time the rollout was known to be running
    CONSTRAINT pool_rollouts_pk PRIMARY KEY (pool_id, slot)
);

CREATE UNIQUE INDEX pool_rollouts_audit_ix ON pool_rollouts (audit_id);
