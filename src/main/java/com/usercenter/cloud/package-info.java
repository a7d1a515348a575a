/**
 * Calling Alibaba Cloud and Tencent Cloud APIs: their request signatures (RPC v1
 * HMAC-SHA1, TC3-HMAC-SHA256), written once and checked against the providers' published
 * examples.
 */
package com.usercenter.cloud;
