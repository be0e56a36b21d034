package db.migration;

import java.util.List;

/**
 * The credential guard's admission on PostgreSQL, where the leases are rows shared by all
 * replicas: one function that locks the guard row, decides and takes the lease, so that one
 * autocommitted call does what took three round trips with the row locked (the lock is held for
 * the function and the commit's WAL flush, and no longer for the network). The commit must keep
 * waiting for that flush (nothing here touches {@code synchronous_commit}): a lease lost in a
 * database crash would let more than the cap out after it. A Java migration
 * because the embedded H2, whose leases are kept in memory, has no PL/pgSQL and needs none.
 */
public class V11__Upstream_admission extends PostgreSqlOnlyMigration {

    /**
     * The rule of {@code CredentialGuardTable}: nothing while paused; while healthy (proven, no 401
     * since) up to {@code p_healthy_cap} live leases, else one probe and only while no lease is live.
     * The count is a statement of its own after the lock: in READ COMMITTED it sees the leases
     * committed by the admissions this one waited for, which one statement with the lock in it would not.
     */
    static final String FUNCTION = """
            CREATE FUNCTION upstream_admit(p_credential VARCHAR, p_healthy_cap INTEGER, p_now TIMESTAMPTZ,
                p_until TIMESTAMPTZ)
            RETURNS TABLE (seq BIGINT, failures INTEGER, proven BOOLEAN, paused_until TIMESTAMPTZ, leased BOOLEAN)
            LANGUAGE plpgsql AS $$
            DECLARE
                guard upstream_credential_guard%ROWTYPE;
                send BIGINT;
            BEGIN
                SELECT * INTO guard FROM upstream_credential_guard g WHERE g.credential = p_credential FOR UPDATE;
                IF NOT FOUND THEN
                    RETURN;
                END IF;
                send := nextval('upstream_send_seq');
                leased := FALSE;
                IF guard.paused_until IS NULL OR p_now >= guard.paused_until THEN
                    INSERT INTO upstream_send_leases (seq, credential, expires_at)
                    SELECT send, p_credential, p_until
                    WHERE (SELECT COUNT(*) FROM upstream_send_leases l
                            WHERE l.credential = p_credential AND l.expires_at > p_now)
                        < CASE WHEN guard.proven AND guard.failures = 0 THEN p_healthy_cap ELSE 1 END;
                    leased := FOUND;
                END IF;
                RETURN QUERY SELECT send, guard.failures, guard.proven, guard.paused_until, leased;
            END $$""";

    @Override
    List<String> statements() {
        return List.of(FUNCTION);
    }
}
