@NullMarked
package com.acme.gateway.policy;

import org.jspecify.annotations.NullMarked;
