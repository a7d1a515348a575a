/**
 * Profiles: what a user shows of itself, to itself and to others.
 */
package com.usercenter.profile;
