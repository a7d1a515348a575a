/**
 * HTTP plumbing around the controllers: body limits, connections, forms, one-value
 * parameters, client addresses and the access log; depends on {@code core},
 * {@code core.errors} and {@code core.metrics}.
 */
@NamedInterface("web")
package com.usercenter.core.web;

import org.springframework.modulith.NamedInterface;
