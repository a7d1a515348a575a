/**
 * Verification: image captchas, one-time codes sent by SMS or email, the tickets a
 * verified code is traded for, and the senders that deliver codes and messages.
 */
package com.usercenter.verification;
