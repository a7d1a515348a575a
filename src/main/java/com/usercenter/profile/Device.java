package com.usercenter.profile;

/**
 * A device a user registers for push and targeting.
 *
 * @param deviceType {@code ios} or {@code android}
 */
record Device(String deviceType, String deviceId, String pushToken, String appVersion, String osVersion, Long cityId) {

}
