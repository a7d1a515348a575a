package com.usercenter.tenant;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The canonical string and HMAC, against a vector computed with openssl (the README's
 * shell example).
 */
class TenantSignatureUnitTest {

	private static final byte[] SECRET = "demo-secret".getBytes(StandardCharsets.UTF_8);

	private static final byte[] BODY = "{\"associatedId\":\"xxxx\"}".getBytes(StandardCharsets.UTF_8);

	@Test
	void buildsTheStringToSignFromTheContract() {
		String stringToSign = TenantSignature.stringToSign("POST", "/sessions-rest/associatedBusiness/loginTenant",
				null, "1763856000000", "n0nce-0001", BODY);

		assertThat(stringToSign).isEqualTo("""
				POST
				/sessions-rest/associatedBusiness/loginTenant

				1763856000000
				n0nce-0001
				b49eee9dc70a0a1eee7237c4bf766d217ba467f2be71b8ed4f52ab230e13a2ea""");
	}

	@Test
	void signsLikeOpenssl() {
		String stringToSign = TenantSignature.stringToSign("POST", "/sessions-rest/associatedBusiness/loginTenant", "",
				"1763856000000", "n0nce-0001", BODY);

		assertThat(TenantSignature.sign(SECRET, stringToSign))
			.isEqualTo("88e938c79bc276a8642c279b9579f4bf7399c7d4d448c36a84e5e688f809adf1");
	}

	@Test
	void emptyBodyHashesTheEmptyString() {
		assertThat(TenantSignature.stringToSign("GET", "/p", "a=1", "1", "nonce123", new byte[0]))
			.endsWith("\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	}

	@Test
	void matchesIgnoresHexCaseButNothingElse() {
		String stringToSign = TenantSignature.stringToSign("POST", "/p", "", "1", "nonce123", BODY);
		String signature = TenantSignature.sign(SECRET, stringToSign);

		assertThat(TenantSignature.matches(SECRET, stringToSign, signature)).isTrue();
		assertThat(TenantSignature.matches(SECRET, stringToSign, signature.toUpperCase())).isTrue();
		assertThat(TenantSignature.matches(SECRET, stringToSign + "x", signature)).isFalse();
		assertThat(TenantSignature.matches("other".getBytes(StandardCharsets.UTF_8), stringToSign, signature))
			.isFalse();
	}

}
