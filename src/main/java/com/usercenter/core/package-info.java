/**
 * The envelope, error codes, the one global error handler, web, security and crypto
 * plumbing.
 */
package com.usercenter.core;
