/**
 * One limiter behind every limit on sending, guessing and reading: fixed windows counted
 * in PostgreSQL.
 */
package com.usercenter.limit;
