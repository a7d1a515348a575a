/**
 * HTTP plumbing around the controllers: request bodies (their limits, their connections,
 * a body read once), forms, one-value parameters, client addresses, the access log and
 * the outcome counts; depends on {@code core}, {@code core.errors} and
 * {@code core.metrics}.
 */
@NamedInterface("web")
package com.usercenter.core.web;

import org.springframework.modulith.NamedInterface;
