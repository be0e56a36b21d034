/**
 * The answers vocabulary: every problem type the gateway answers with ({@link ProblemType}), the one
 * builder and JSON writer of RFC 9457 bodies ({@link Problem}) and the one place that puts them on
 * the wire ({@link ProblemResponses}).
 */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package com.acme.gateway.problem;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
