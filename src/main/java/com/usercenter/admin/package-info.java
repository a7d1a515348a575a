/**
 * Administration of users for ops: lists and search, creation one by one or in batches,
 * status and roles, messages, user ids for push targeting.
 */
package com.usercenter.admin;
