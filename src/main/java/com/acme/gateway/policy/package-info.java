@NullMarked
@ApplicationModule(allowedDependencies = {"reload", "request"})
package com.acme.gateway.policy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
