package com.usercenter.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.usercenter.support.Api;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.TestImages;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Memory-heavy work at once with many visible cores and the image's 128 MB heap: the
 * build runs this class in JVMs of their own ({@code cores-16} and {@code cores-64} in
 * pom.xml, {@code -XX:ActiveProcessorCount=16} and 64, {@code -Xmx128m},
 * {@code -XX:+ExitOnOutOfMemoryError}), where a pool sized from the cores instead of the
 * heap ends the fork and fails the build. Every answer is an envelope, and the service
 * still answers afterwards.
 */
class MemoryBudgetIntegrationTest extends ApiTestBase {

	@Test
	void signInsAndUploadsAtOnceFitTheHeap() throws Exception {
		byte[] large = TestImages.blackPng(2000, 2000);
		assertThat(large.length).isLessThan(20_000);
		List<String> uploaders = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			uploaders.add(userToken());
		}
		List<Callable<Api.Answer>> calls = new ArrayList<>();
		for (int i = 0; i < 48; i++) {
			String account = "nobody-" + unique();
			calls.add(() -> passwordLogin(account, "Made-up-passw0rd"));
		}
		uploaders.forEach((token) -> calls.add(() -> upload(token, large)));

		List<Api.Answer> answers = runTogether(calls);

		assertThat(answers).allSatisfy(MemoryBudgetIntegrationTest::isAnEnvelopeNot500);
		assertThat(answers.subList(0, 48))
			.allSatisfy((answer) -> assertThat(answer.code()).as(answer.toString()).isIn(40102, 42900, 40800, 50300));
		assertThat(answers.subList(48, answers.size()))
			.allSatisfy((answer) -> assertThat(answer.code()).as(answer.toString()).isIn(200, 42900, 40800));
		assertThat(answers).anySatisfy((answer) -> assertThat(answer.code()).isEqualTo(40102));
		assertStillServing();
	}

	@Test
	void imagesAtEachFormatsWorstShapeAreRefusedBeforeDecoding() {
		String token = userToken();
		for (Map.Entry<String, byte[]> image : TestImages.worstShapes().entrySet()) {
			Api.Answer answer = upload(token, image.getValue());

			assertThat(answer.status()).as(image.getKey() + ": " + answer).isBetween(400, 499);
			assertThat(answer.code()).as(image.getKey() + ": " + answer).isIn(40000, 41500);
		}
		assertStillServing();
	}

	private static void isAnEnvelopeNot500(Api.Answer answer) {
		assertThat(answer.json().path("code").isInt()).as(answer.toString()).isTrue();
		assertThat((answer.code() == 200) ? 200 : answer.code() / 100).as(answer.toString()).isEqualTo(answer.status());
		assertThat(answer.code()).as(answer.toString()).isNotEqualTo(50000);
	}

	private void assertStillServing() {
		Api.Answer me = api().get("/api/v1/users/me", userToken());
		assertThat(me.code()).as(me.toString()).isEqualTo(200);
	}

	/**
	 * A new user's token; a cold JVM on a busy machine may miss the SMS webhook's time
	 * limit once (50200), which is not what this class tests.
	 */
	private String userToken() {
		for (int attempt = 1;; attempt++) {
			try {
				return newUserToken();
			}
			catch (AssertionError ex) {
				if (attempt == 3) {
					throw ex;
				}
			}
		}
	}

	private Api.Answer upload(String token, byte[] image) {
		return api().send(Api.Call.of("POST", "/api/v1/users/me/avatar")
			.multipart("file", "a.png", "image/png", image)
			.bearer(token));
	}

}
