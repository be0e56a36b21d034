@NullMarked
@ApplicationModule(allowedDependencies = {})
package com.acme.gateway.idempotency;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
