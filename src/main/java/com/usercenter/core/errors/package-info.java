/**
 * How a failure becomes an envelope answer, in one place (the responder, behind the MVC
 * handler, {@code /error}, Tomcat's valve, and the one way out before a controller for
 * servlet filters and security handlers) and how it is logged; depends on {@code core}
 * only.
 */
@NamedInterface("errors")
package com.usercenter.core.errors;

import org.springframework.modulith.NamedInterface;
