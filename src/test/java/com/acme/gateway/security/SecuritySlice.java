package com.acme.gateway.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * A web slice with only the gateway's security configuration and {@link SecurityTestSetup}: the application
 * class is not loaded, so the rest of the gateway's configuration is not needed.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest
@ContextConfiguration(classes = {SecurityConfiguration.class, SecurityTestSetup.class})
@interface SecuritySlice {
}
