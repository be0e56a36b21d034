/**
 * The public request contract of a script execution: its fields and their rules, the configured
 * size limits, and the id formats the API accepts. Every other module may read it; it depends on none.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package com.acme.gateway.request;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
