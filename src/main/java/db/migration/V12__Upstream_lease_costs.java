package db.migration;

import java.util.List;

/**
 * Two costs of the credential guard's leases on PostgreSQL (PostgreSQL only, like V11):
 * <ul>
 * <li>The admission's count of live leases read every ended lease that vacuum had not yet removed
 * (at 1,000 requests a second, tens of thousands a minute) with the guard row locked, so each
 * admission's hold of the lock grew to milliseconds: its plan, a bitmap scan, visits every dead
 * entry and marks none. Counted up to the cap ({@code LIMIT}), it is an index scan, which marks the
 * dead entries it passes, so that later counts skip them (BENCHMARKS.md, session 24).</li>
 * <li>A lease's end waited for the WAL flush. {@code upstream_end_lease} commits it without waiting:
 * a lease whose end a database crash loses still lapses at its expiry, holding a place until then,
 * which errs on the safe side; the next commit that waits (normally the request's audit completion)
 * flushes it anyway.</li>
 * </ul>
 * {@code upstream_admit} keeps its signature, so the replicas of the previous release, which call it
 * too, take the same lock and count during a rolling update.
 */
public class V12__Upstream_lease_costs extends PostgreSqlOnlyMigration {

    /** V11's function with the count stopped at the cap. */
    static final String FUNCTION = """
            CREATE OR REPLACE FUNCTION upstream_admit(p_credential VARCHAR, p_healthy_cap INTEGER, p_now TIMESTAMPTZ,
                p_until TIMESTAMPTZ)
            RETURNS TABLE (seq BIGINT, failures INTEGER, proven BOOLEAN, paused_until TIMESTAMPTZ, leased BOOLEAN)
            LANGUAGE plpgsql AS $$
            DECLARE
                guard upstream_credential_guard%ROWTYPE;
                send BIGINT;
                cap INTEGER;
            BEGIN
                SELECT * INTO guard FROM upstream_credential_guard g WHERE g.credential = p_credential FOR UPDATE;
                IF NOT FOUND THEN
                    RETURN;
                END IF;
                send := nextval('upstream_send_seq');
                leased := FALSE;
                IF guard.paused_until IS NULL OR p_now >= guard.paused_until THEN
                    cap := CASE WHEN guard.proven AND guard.failures = 0 THEN p_healthy_cap ELSE 1 END;
                    INSERT INTO upstream_send_leases (seq, credential, expires_at)
                    SELECT send, p_credential, p_until
                    WHERE (SELECT COUNT(*) FROM (SELECT FROM upstream_send_leases l
                            WHERE l.credential = p_credential AND l.expires_at > p_now LIMIT cap) live) < cap;
                    leased := FOUND;
                END IF;
                RETURN QUERY SELECT send, guard.failures, guard.proven, guard.paused_until, leased;
            END $$""";

    static final String END_LEASE = """
            CREATE PROCEDURE upstream_end_lease(p_seq BIGINT) LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM set_config('synchronous_commit', 'off', true);
                DELETE FROM upstream_send_leases WHERE seq = p_seq;
            END $$""";

    @Override
    List<String> statements() {
        return List.of(FUNCTION, END_LEASE);
    }
}
