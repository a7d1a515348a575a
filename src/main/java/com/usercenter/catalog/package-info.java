/**
 * Reference data apps read: communities, default avatars and app versions for the upgrade
 * check.
 */
package com.usercenter.catalog;
