package com.usercenter.client;

import com.usercenter.client.api.AccountsApi;
import com.usercenter.client.api.ProfileApi;
import com.usercenter.client.api.VerificationApi;
import com.usercenter.client.model.EnvelopeLoginResult;
import com.usercenter.client.model.EnvelopeProfile;
import com.usercenter.client.model.EnvelopeRefreshResult;
import com.usercenter.client.model.PasswordLoginRequest;
import com.usercenter.client.model.RefreshRequest;
import com.usercenter.client.model.RegisterRequest;
import com.usercenter.client.model.SendCodeRequest;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.TestDeliveries;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client generated from {@code docs/openapi/app.json} by the OpenAPI Generator (Java,
 * its {@code native} library), used as an app would use one: register with a code, sign
 * in, read the profile, refresh and sign out. What a generator could not express would be
 * fixed in the description, not here.
 */
class GeneratedClientIntegrationTest extends ApiTestBase {

	@Test
	void registerSignInReadRefreshAndSignOutThroughTheGeneratedClient() throws Exception {
		ApiClient client = new ApiClient();
		client.updateBaseUri("http://localhost:" + this.port);
		// each call from an address of its own, as the suite's other clients do
		client.setRequestInterceptor((request) -> request.header("X-Forwarded-For", newIp()));
		VerificationApi verification = new VerificationApi(client);
		AccountsApi accounts = new AccountsApi(client);
		String mobile = newMobile();

		int before = TestDeliveries.smsTo("+86" + mobile).size();
		verification.send(new SendCodeRequest().channel(SendCodeRequest.ChannelEnum.SMS)
			.target(mobile)
			.purpose(SendCodeRequest.PurposeEnum.REGISTER));
		String code = TestDeliveries.awaitSmsCode("+86" + mobile, before);
		EnvelopeLoginResult registered = accounts
			.register(new RegisterRequest().mobile(mobile).password("Gener4ted-client").code(code).nickname("生成"));
		EnvelopeLoginResult signedIn = accounts
			.loginWithPassword(new PasswordLoginRequest().account(mobile).password("Gener4ted-client"));

		String token = signedIn.getData().getAccessToken();
		client.setRequestInterceptor(
				(request) -> request.header("X-Forwarded-For", newIp()).header("Authorization", "Bearer " + token));
		// an API object takes the client's settings when it is made
		AccountsApi signedInAccounts = new AccountsApi(client);
		EnvelopeProfile me = new ProfileApi(client).me();
		EnvelopeRefreshResult refreshed = signedInAccounts
			.refresh(new RefreshRequest().refreshToken(signedIn.getData().getRefreshToken()));
		signedInAccounts.logout();

		assertThat(registered.getCode()).isEqualTo(200);
		assertThat(registered.getData().getUser().getNickname()).isEqualTo("生成");
		assertThat(me.getData().getMobile()).isEqualTo("+86" + mobile);
		assertThat(me.getData().getHasPassword()).isTrue();
		assertThat(refreshed.getData().getRefreshToken()).isNotEqualTo(signedIn.getData().getRefreshToken());
		assertThat(api().get("/api/v1/users/me", token).code()).as("signed out").isEqualTo(40101);
	}

}
