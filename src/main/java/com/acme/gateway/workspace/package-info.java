@NullMarked
package com.acme.gateway.workspace;

import org.jspecify.annotations.NullMarked;
