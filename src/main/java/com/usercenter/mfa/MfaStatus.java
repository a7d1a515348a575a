package com.usercenter.mfa;

import java.util.List;

import com.usercenter.passkey.PasskeyView;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What second factors an account has; never a secret or a code.
 *
 * @param totp whether a TOTP secret is in force
 * @param recoveryCodesLeft unused recovery codes
 * @param passkeys the account's passkeys
 */
@Schema(description = "The second factors of an account")
public record MfaStatus(boolean totp, @Schema(example = "10") int recoveryCodesLeft, List<PasskeyView> passkeys) {

}
