/**
 * How a failure becomes an envelope answer, in one place (the handler, the responder,
 * {@code /error}, Tomcat's valve, the security handlers) and how it is logged; depends on
 * {@code core} only.
 */
@NamedInterface("errors")
package com.usercenter.core.errors;

import org.springframework.modulith.NamedInterface;
