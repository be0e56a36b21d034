/**
 * The life of an execution request: how it can end ({@link com.acme.gateway.lifecycle.Outcome}, the
 * audit column and metric tag) and the states its audit row passes through. Shared by the audit
 * store, the execution core and the API; depends on no other module.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package com.acme.gateway.lifecycle;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
