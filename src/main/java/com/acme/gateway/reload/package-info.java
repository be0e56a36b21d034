/**
 * Hot reload of mounted files: the poller that re-checks a file on a fixed delay for the team
 * policy and the Workspace credentials. Depends on no other module.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package com.acme.gateway.reload;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
