-- Requests refused by the rate limit are counted into one row per team and second instead of one
-- row each: refused_count is how many requests that row stands for (null on every other row).
ALTER TABLE audit_events ADD COLUMN refused_count INTEGER;

-- ShedLock's lock table: background jobs that must run on one replica at a time (the audit purge,
-- the idempotency-key purge). Times are the database's (UTC).
CREATE TABLE shedlock (
    name       VARCHAR(64)  NOT NULL,
    lock_until TIMESTAMP    NOT NULL,
    locked_at  TIMESTAMP    NOT NULL,
    locked_by  VARCHAR(255) NOT NULL,
    CONSTRAINT shedlock_pk PRIMARY KEY (name)
);
