-- Every request out to the Workspace API holds a lease while it is out, so that the number in
-- flight across all replicas has a hard cap: if a working key goes bad, at most that many are
-- answered 401 before the credential guard sees the first one. A lease lapses at expires_at (a
-- whole attempt and a margin), so a replica that dies mid-request holds nobody back for long.
-- The probe of an unproven key is the one lease allowed while no other is live, which replaces
-- the probe columns of the guard row.
CREATE TABLE upstream_send_leases (
    seq         BIGINT                   NOT NULL, -- the request's send number (upstream_send_seq)
    credential  VARCHAR(64)              NOT NULL, -- the guard row's key
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT upstream_send_leases_pk PRIMARY KEY (seq)
);

CREATE INDEX upstream_send_leases_credential ON upstream_send_leases (credential, expires_at);

ALTER TABLE upstream_credential_guard DROP COLUMN probe_seq;
ALTER TABLE upstream_credential_guard DROP COLUMN probe_until;
