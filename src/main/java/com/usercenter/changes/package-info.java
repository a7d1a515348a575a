/**
 * Changes other instances must hear of, and work that must not run twice: PostgreSQL's
 * announcements, caches that trust them, advisory locks, batched deletes; depends on no
 * other package of the service.
 */
package com.usercenter.changes;
