/**
 * Bringing in the users of the system the user center replaces (contract 9.2): an NDJSON
 * file streamed a batch at a time, each line an account with its contacts, identities,
 * partner mappings and the password hash it had, skipped when sent again and rejected
 * alone when it conflicts.
 */
package com.usercenter.imports;
