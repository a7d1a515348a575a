/**
 * What every feature shares: the envelope and its codes, the fact exceptions, the
 * signed-in user, a page, the request id and the memory budget. Rule: {@code core} and
 * its sub-packages depend on no other package of the service (no feature, not
 * {@code secrets} or {@code changes}); this package depends on none of its sub-packages.
 */
package com.usercenter.core;
