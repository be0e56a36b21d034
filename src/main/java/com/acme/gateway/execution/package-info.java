@NullMarked
package com.acme.gateway.execution;

import org.jspecify.annotations.NullMarked;
