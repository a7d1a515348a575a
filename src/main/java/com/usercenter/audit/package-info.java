/**
 * The audit trail: who signed in, out, changed what, from which address.
 */
package com.usercenter.audit;
