/**
 * Starting up: the clock, the database created when missing, the ready line and its
 * providers, start-up failures in one sentence; depends on {@code core} only.
 */
@NamedInterface("startup")
package com.usercenter.core.startup;

import org.springframework.modulith.NamedInterface;
