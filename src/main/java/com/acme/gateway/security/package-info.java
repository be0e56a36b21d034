@NullMarked
package com.acme.gateway.security;

import org.jspecify.annotations.NullMarked;
