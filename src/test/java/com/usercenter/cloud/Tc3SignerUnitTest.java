package com.usercenter.cloud;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worked example of Tencent Cloud's "Signature v3" documentation (CVM
 * DescribeInstances, SecretKey {@code Gu5t9xGARNpq86cd98joQYCN3EXAMPLE}, timestamp
 * 1551113065), reproduced exactly, step by step.
 */
class Tc3SignerUnitTest {

	private static final String PAYLOAD = "{\"Limit\": 1, \"Filters\": [{\"Values\": [\"\\u672a\\u547d\\u540d\"], "
			+ "\"Name\": \"instance-name\"}]}";

	private static final String CONTENT_TYPE = "application/json; charset=utf-8";

	@Test
	void theDocumentedPayloadHash() {
		assertThat(Tc3Signer.sha256Hex(PAYLOAD))
			.isEqualTo("35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
	}

	@Test
	void theDocumentedCanonicalRequest() {
		String canonical = Tc3Signer.canonicalRequest("cvm.tencentcloudapi.com", CONTENT_TYPE, PAYLOAD);

		assertThat(canonical).isEqualTo("POST\n/\n\ncontent-type:application/json; charset=utf-8\n"
				+ "host:cvm.tencentcloudapi.com\n\ncontent-type;host\n"
				+ "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
		assertThat(Tc3Signer.sha256Hex(canonical))
			.isEqualTo("5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031");
	}

	@Test
	void theDocumentedSignatureAndAuthorization() {
		assertThat(Tc3Signer.signature("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "cvm", "cvm.tencentcloudapi.com",
				CONTENT_TYPE, PAYLOAD, 1551113065))
			.isEqualTo("72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
		assertThat(Tc3Signer.authorization("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
				"cvm", "cvm.tencentcloudapi.com", CONTENT_TYPE, PAYLOAD, 1551113065))
			.isEqualTo("TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, "
					+ "SignedHeaders=content-type;host, "
					+ "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
	}

}
