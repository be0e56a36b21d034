@NullMarked
@ApplicationModule(allowedDependencies = {"audit", "execution", "idempotency", "lifecycle", "policy", "problem", "request", "security", "workspace"})
package com.acme.gateway.api;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
