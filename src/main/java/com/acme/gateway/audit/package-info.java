@NullMarked
@ApplicationModule(allowedDependencies = "lifecycle")
package com.acme.gateway.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
