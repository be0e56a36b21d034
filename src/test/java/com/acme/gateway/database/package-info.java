/**
 * Test support for the database: the JDBC slice on in-memory H2, the PostgreSQL variant
 * ({@link com.acme.gateway.database.OnPostgres}) and simulated outages.
 */
@NullMarked
package com.acme.gateway.database;

import org.jspecify.annotations.NullMarked;
