@NullMarked
package com.acme.gateway.api;

import org.jspecify.annotations.NullMarked;
