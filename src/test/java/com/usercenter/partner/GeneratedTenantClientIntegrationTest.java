package com.usercenter.partner;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

import com.usercenter.partner.api.TenantApi;
import com.usercenter.partner.model.ChangeMobileRequest;
import com.usercenter.partner.model.EnvelopeBoolean;
import com.usercenter.partner.model.EnvelopeLoginTenantResult;
import com.usercenter.partner.model.EnvelopeVoid;
import com.usercenter.partner.model.LoginTenantRequest;
import com.usercenter.partner.model.UpdateUserDetailRequest;
import com.usercenter.support.Api;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.TenantClient;
import com.usercenter.support.TestClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A client generated from {@code docs/openapi/tenant.json} by the OpenAPI Generator
 * (Java, {@code native}), used as a partner's server would: its one addition is a request
 * interceptor that signs each request. The {@code associatedId} goes in the query string
 * and the body is the request record itself, as the description says.
 */
class GeneratedTenantClientIntegrationTest extends ApiTestBase {

	@Test
	void signInChangeMobileAndUpdateDetailThroughTheGeneratedClient() throws Exception {
		TenantClient tenant = newTenant();
		ApiClient client = new ApiClient();
		client.updateBaseUri("http://localhost:" + this.port);
		client.setRequestInterceptor((builder) -> sign(builder, tenant));
		TenantApi api = new TenantApi(client);
		String associatedId = "generated-" + unique();
		String mobile = newMobile();

		EnvelopeLoginTenantResult login = api
			.loginTenant(new LoginTenantRequest().associatedId(associatedId).userName("伙伴"));
		EnvelopeVoid changed = api.changeMobileByTenant(associatedId, new ChangeMobileRequest().mobile(mobile));
		EnvelopeBoolean updated = api.updateUserDetail(associatedId,
				new UpdateUserDetailRequest().name("伙伴二").height(171));
		ApiException unknown = catchThrowableOfType(ApiException.class,
				() -> api.changeMobileByTenant("nobody-" + unique(), new ChangeMobileRequest().mobile(newMobile())));

		assertThat(login.getCode()).isEqualTo(200);
		assertThat(login.getData().getNeedInfo()).isTrue();
		assertThat(changed.getCode()).isEqualTo(200);
		assertThat(updated.getData()).isTrue();
		Api.Answer me = api().get("/api/v1/users/me", login.getData().getAccessToken());
		assertThat(me.data().path("mobile").asString()).isEqualTo("+86" + mobile);
		assertThat(me.data().path("nickname").asString()).isEqualTo("伙伴二");
		assertThat(me.data().path("height").asInt()).isEqualTo(171);
		assertThat(unknown.getCode()).isEqualTo(404);
		assertThat(unknown.getResponseBody()).contains("40401");
	}

	/** What a partner adds to a generated Java client: the scheme of the README. */
	private static void sign(HttpRequest.Builder builder, TenantClient tenant) {
		HttpRequest request = builder.copy().build();
		URI uri = request.uri();
		long timestamp = TestClock.now().toEpochMilli();
		String nonce = TenantClient.nonce();
		String query = (uri.getRawQuery() != null) ? uri.getRawQuery() : "";
		builder.header("X-Tenant-Key", tenant.key())
			.header("X-Timestamp", Long.toString(timestamp))
			.header("X-Nonce", nonce)
			.header("X-Signature",
					tenant.signature(request.method(), uri.getRawPath(), query, timestamp, nonce, body(request)));
	}

	private static byte[] body(HttpRequest request) {
		if (request.bodyPublisher().isEmpty()) {
			return new byte[0];
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		CompletableFuture<Void> done = new CompletableFuture<>();
		request.bodyPublisher().get().subscribe(new Flow.Subscriber<ByteBuffer>() {

			@Override
			public void onSubscribe(Flow.Subscription subscription) {
				subscription.request(Long.MAX_VALUE);
			}

			@Override
			public void onNext(ByteBuffer item) {
				byte[] chunk = new byte[item.remaining()];
				item.get(chunk);
				bytes.writeBytes(chunk);
			}

			@Override
			public void onError(Throwable failure) {
				done.completeExceptionally(failure);
			}

			@Override
			public void onComplete() {
				done.complete(null);
			}

		});
		done.join();
		return bytes.toByteArray();
	}

}
