@NullMarked
@ApplicationModule(allowedDependencies = {"audit", "idempotency", "lifecycle", "policy", "problem", "request", "workspace"})
package com.acme.gateway.execution;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
