/**
 * The user aggregate: one person's account row, its contacts and profile fields, and the
 * rules that keep mobile, email and username unique.
 */
package com.usercenter.user;
