-- Stop requests are audited with their own outcomes (stop_requested while the Workspace API is
-- asked, then stopped or stop_failed); pool_busy: not sent because the pool runs another rollout.
ALTER TABLE audit_events DROP CONSTRAINT audit_events_outcome_ck;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_outcome_ck CHECK (outcome IN (
    'pending', 'submitted', 'dry_run', 'invalid', 'unauthenticated', 'denied', 'rate_limited',
    'duplicate', 'upstream_rejected', 'upstream_failed', 'unknown', 'circuit_open', 'audit_unavailable',
    'stop_requested', 'stopped', 'stop_failed', 'pool_busy'));
