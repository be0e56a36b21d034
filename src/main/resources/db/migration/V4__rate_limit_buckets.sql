-- Team rate-limit buckets shared by every replica on PostgreSQL: one row per team, the state is
-- Bucket4j's serialized bucket, read and written under SELECT ... FOR UPDATE. On the embedded H2
-- default (one replica) the buckets live in memory and this table stays empty.
CREATE TABLE rate_limit_buckets (
    id    VARCHAR(255) NOT NULL, -- the team
    state BYTEA,
    CONSTRAINT rate_limit_buckets_pk PRIMARY KEY (id)
);
