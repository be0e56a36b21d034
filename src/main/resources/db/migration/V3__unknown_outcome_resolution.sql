-- Unknown outcomes the background resolver stopped looking for: the upstream task list never showed
-- exactly one matching task within gateway.idempotency.resolver.give-up-after. Such a row keeps
-- outcome 'unknown' without a task_id for good; operators check the Workspace console.
ALTER TABLE audit_events ADD COLUMN resolution_given_up_at TIMESTAMP WITH TIME ZONE;
