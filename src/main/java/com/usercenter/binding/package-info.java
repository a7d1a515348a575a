/**
 * Bound accounts: WeChat, Weibo and QQ clients that check credentials with the providers,
 * social sign-in, and the list, binding and unbinding of a user's identities.
 */
package com.usercenter.binding;
