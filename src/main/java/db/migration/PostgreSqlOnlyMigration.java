package db.migration;

import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** A migration of what exists on PostgreSQL only (functions, triggers); on H2 it does nothing. */
abstract class PostgreSqlOnlyMigration extends BaseJavaMigration {

    /** The statements, run in order. */
    abstract List<String> statements();

    @Override
    public final void migrate(Context context) throws Exception {
        if (!context.getConnection().getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
            return;
        }
        try (Statement statement = context.getConnection().createStatement()) {
            for (String sql : statements()) {
                statement.execute(sql);
            }
        }
    }
}
