/**
 * The hobby catalog and the hobbies users pick from it.
 */
package com.usercenter.hobby;
