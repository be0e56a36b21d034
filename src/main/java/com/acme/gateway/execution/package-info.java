@NullMarked
@ApplicationModule(allowedDependencies = {"audit", "idempotency", "lifecycle", "policy", "request", "workspace"})
package com.acme.gateway.execution;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
