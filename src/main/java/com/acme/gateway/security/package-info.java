@NullMarked
@ApplicationModule(allowedDependencies = {"policy", "problem"})
package com.acme.gateway.security;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
