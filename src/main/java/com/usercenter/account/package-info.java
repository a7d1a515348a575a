/**
 * Accounts: sign-up, sign-in, password reset and the bootstrap administrator.
 */
package com.usercenter.account;
