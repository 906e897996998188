package org.citycard.clearing.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Which database the server runs on: embedded Derby (one instance owns it, in-JVM locks suffice) or PostgreSQL
 * (several instances may share it, so work that must be serialised takes its locks in the database).
 */
@Component
public class DatabaseKind {
    private final boolean postgres;

    public DatabaseKind(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            this.postgres = c.getMetaData()
                    .getDatabaseProductName()
                    .toLowerCase(Locale.ROOT)
                    .contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("the database does not answer: " + e.getMessage(), e);
        }
    }

    /** Several server instances may share this database. */
    public boolean shared() {
        return postgres;
    }
}
