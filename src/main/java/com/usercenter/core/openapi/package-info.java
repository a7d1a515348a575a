/**
 * The OpenAPI description: groups, security schemes, each operation's error answers
 * ({@link com.usercenter.core.openapi.Answers}); depends on {@code core} only.
 */
@NamedInterface("openapi")
package com.usercenter.core.openapi;

import org.springframework.modulith.NamedInterface;
