@NullMarked
package com.acme.gateway.audit;

import org.jspecify.annotations.NullMarked;
