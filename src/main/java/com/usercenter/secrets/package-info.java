/**
 * Secrets at rest and digests of secrets: the master key and its check, AES-GCM sealing,
 * keyed and plain hashes, random tokens; depends on no other package of the service.
 */
package com.usercenter.secrets;
