@NullMarked
@ApplicationModule(allowedDependencies = {"reload", "request"})
package com.acme.gateway.workspace;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
