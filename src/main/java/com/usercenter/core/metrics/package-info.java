/**
 * Metrics features report: calls to outside providers, and endpoint outcomes (counted by
 * {@code core.web}'s outcome counter); depends on {@code core} only.
 */
@NamedInterface("metrics")
package com.usercenter.core.metrics;

import org.springframework.modulith.NamedInterface;
