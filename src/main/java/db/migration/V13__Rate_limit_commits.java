package db.migration;

import java.util.List;

/**
 * A team's token-bucket transaction commits without waiting for the WAL flush (PostgreSQL only, like
 * V11): a trigger on {@code rate_limit_buckets} sets {@code synchronous_commit} off for the
 * transaction that writes the bucket, which is Bucket4j's own and writes nothing else. A database
 * crash can then give back the tokens of its last moments, never an audit row. The gateway used to
 * send {@code SET LOCAL synchronous_commit TO OFF} itself, one more round trip per request
 * (BENCHMARKS.md, session 26); the replicas of the previous release still do, which is harmless.
 */
public class V13__Rate_limit_commits extends PostgreSqlOnlyMigration {

    static final String FUNCTION = """
            CREATE FUNCTION rate_limit_commit_without_flush() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM set_config('synchronous_commit', 'off', true);
                RETURN NEW;
            END $$""";

    static final String TRIGGER = """
            CREATE TRIGGER rate_limit_buckets_commit_without_flush BEFORE INSERT OR UPDATE ON rate_limit_buckets
                FOR EACH ROW EXECUTE FUNCTION rate_limit_commit_without_flush()""";

    @Override
    List<String> statements() {
        return List.of(FUNCTION, TRIGGER);
    }
}
