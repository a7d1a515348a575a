/**
 * Partner tenants: their HMAC-signed API (seed 000), the associatedId mapping to users,
 * and their administration.
 */
package com.usercenter.tenant;
