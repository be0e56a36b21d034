@NullMarked
package com.acme.gateway.idempotency;

import org.jspecify.annotations.NullMarked;
