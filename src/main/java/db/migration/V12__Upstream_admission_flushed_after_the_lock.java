package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Two costs of the credential guard's admission on PostgreSQL that grew under the guard row's lock
 * (PostgreSQL only, like V11):
 * <ul>
 * <li>The count of live leases read every ended lease that vacuum had not yet removed: at 1,000
 * requests a second, tens of thousands a minute, so the count, and with it every admission's hold
 * of the lock, took milliseconds. It now stops at the cap ({@code LIMIT}), which the planner answers
 * with an index scan that marks the dead entries it meets, so later counts skip them.</li>
 * <li>The commit's WAL flush was waited for with the row still locked, so admissions went one per
 * flush. {@code upstream_admit_lease} commits the admission without waiting for the flush, which
 * releases the lock, and then confirms the lease in a second transaction whose commit does wait (the
 * session's {@code synchronous_commit}): WAL is flushed in order, so when the call returns the
 * admission is on disk as before. A crash in between loses only a lease whose request was never
 * sent, as the call failed.</li>
 * </ul>
 * {@code upstream_admit} stays, the one place of the rule, for the replicas of the previous release
 * during a rolling update; both lock the same row and count after the lock, so the cap holds across them.
 */
public class V12__Upstream_admission_flushed_after_the_lock extends BaseJavaMigration {

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

    /**
     * The lease's confirmation changes no value (a HOT update, no index entry), but it is a write,
     * without which the second commit would not wait for the flush.
     */
    static final String PROCEDURE = """
            CREATE PROCEDURE upstream_admit_lease(p_credential VARCHAR, p_healthy_cap INTEGER, p_now TIMESTAMPTZ,
                p_until TIMESTAMPTZ, INOUT seq BIGINT, INOUT failures INTEGER, INOUT proven BOOLEAN,
                INOUT paused_until TIMESTAMPTZ, INOUT leased BOOLEAN)
            LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM set_config('synchronous_commit', 'off', true);
                SELECT a.seq, a.failures, a.proven, a.paused_until, a.leased
                INTO seq, failures, proven, paused_until, leased
                FROM upstream_admit(p_credential, p_healthy_cap, p_now, p_until) a;
                COMMIT;
                IF leased THEN
                    UPDATE upstream_send_leases l SET expires_at = l.expires_at WHERE l.seq = upstream_admit_lease.seq;
                END IF;
            END $$""";

    @Override
    public void migrate(Context context) throws Exception {
        if (!context.getConnection().getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
            return;
        }
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute(FUNCTION);
            statement.execute(PROCEDURE);
        }
    }
}
