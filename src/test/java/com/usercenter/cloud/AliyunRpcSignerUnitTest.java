package com.usercenter.cloud;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worked example of Alibaba Cloud's "RPC signature" documentation (ECS
 * DescribeRegions, AccessKey secret {@code testsecret}), reproduced exactly.
 */
class AliyunRpcSignerUnitTest {

	private static final Map<String, String> DOCUMENTED = Map.of("AccessKeyId", "testid", "Action", "DescribeRegions",
			"Format", "XML", "SignatureMethod", "HMAC-SHA1", "SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
			"SignatureVersion", "1.0", "Timestamp", "2016-02-23T12:46:24Z", "Version", "2014-05-26");

	@Test
	void theDocumentedStringToSign() {
		assertThat(AliyunRpcSigner.stringToSign("GET", DOCUMENTED))
			.isEqualTo("GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML"
					+ "%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"
					+ "%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26");
	}

	@Test
	void theDocumentedSignature() {
		assertThat(AliyunRpcSigner.sign("GET", DOCUMENTED, "testsecret")).isEqualTo("OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
	}

	@Test
	void onlyTheUnreservedCharactersStayAsTheyAre() {
		assertThat(AliyunRpcSigner.percentEncode("a b*c~d+e/f:g")).isEqualTo("a%20b%2Ac~d%2Be%2Ff%3Ag");
		assertThat(AliyunRpcSigner.percentEncode("验证码")).isEqualTo("%E9%AA%8C%E8%AF%81%E7%A0%81");
	}

	@Test
	void theOrderParametersComeInDoesNotMatter() {
		assertThat(AliyunRpcSigner.sign("POST", Map.of("B", "2", "A", "1"), "s"))
			.isEqualTo(AliyunRpcSigner.sign("POST", new java.util.TreeMap<>(Map.of("A", "1", "B", "2")), "s"));
	}

}
