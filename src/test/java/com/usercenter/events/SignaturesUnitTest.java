package com.usercenter.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Standard Webhooks signatures as the service makes them, checked by the test's own
 * implementation of the specification, by an independent computation of the example in
 * docs/EVENTS.md, and by the shell verification docs/EVENTS.md gives, run as it stands
 * there (openssl).
 */
class SignaturesUnitTest {

	private static final String BODY = "{\"type\":\"user.erased\",\"timestamp\":\"2025-11-23T00:00:00.123Z\","
			+ "\"data\":{\"userId\":1000042,\"note\":\"quotes ' and \\\" and $HOME and `x` stay as sent\"}}";

	@Test
	void aSecretIsWhsecAndBase64Of32RandomBytes() {
		byte[] key = Signatures.newKey();

		assertThat(key).hasSize(32);
		assertThat(Signatures.secret(key)).matches("whsec_[A-Za-z0-9+/]{43}=");
		assertThat(Signatures.newKey()).isNotEqualTo(key);
	}

	@Test
	void signaturesVerifyWithAnIndependentImplementation() {
		byte[] key = Signatures.newKey();
		long now = Instant.now().getEpochSecond();

		String header = Signatures.header(List.of(key), "msg_1", now, BODY.getBytes(StandardCharsets.UTF_8));

		StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(Signatures.secret(key));
		assertThat(verifier.verify("msg_1", Long.toString(now), BODY, header, now)).isTrue();
		assertThat(verifier.verify("msg_2", Long.toString(now), BODY, header, now)).isFalse();
		assertThat(verifier.verify("msg_1", Long.toString(now + 1), BODY, header, now)).isFalse();
		assertThat(verifier.verify("msg_1", Long.toString(now), BODY + " ", header, now)).isFalse();
	}

	@Test
	void duringARotationBothKeysSign() {
		byte[] fresh = Signatures.newKey();
		byte[] old = Signatures.newKey();

		String header = Signatures.header(List.of(fresh, old), "msg_1", 1763856000,
				BODY.getBytes(StandardCharsets.UTF_8));

		assertThat(header.split(" ")).hasSize(2).allMatch((signature) -> signature.startsWith("v1,"));
		assertThat(new StandardWebhooksVerifier(Signatures.secret(fresh)).verify("msg_1", "1763856000", BODY, header,
				1763856000))
			.isTrue();
		assertThat(new StandardWebhooksVerifier(Signatures.secret(old)).verify("msg_1", "1763856000", BODY, header,
				1763856000))
			.isTrue();
	}

	@Test
	void theExampleInTheDocsIsSignedWithTheExampleSecret() throws IOException {
		String doc = Files.readString(Path.of("docs/EVENTS.md"));
		String body = doc.substring(doc.indexOf("{\"type\":\"user.contact_changed\""));
		body = body.substring(0, body.indexOf('\n'));
		String signature = doc.substring(doc.indexOf("webhook-signature: ") + 19);
		signature = signature.substring(0, signature.indexOf('\n'));

		assertThat(new StandardWebhooksVerifier("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw5s3GWwu8tqU=")
			.verify("5f0c6a1e-8d2b-4c3e-9f7a-1b2c3d4e5f60", "1763856000", body, signature, 1763856000)).isTrue();
	}

	@Test
	void theShellVerificationOfTheDocsAcceptsTheServicesSignaturesAndNothingElse() throws Exception {
		byte[] key = Signatures.newKey();
		byte[] other = Signatures.newKey();
		String now = Long.toString(Instant.now().getEpochSecond());
		String signature = Signatures.header(List.of(key), "msg_1", Long.parseLong(now),
				BODY.getBytes(StandardCharsets.UTF_8));
		String rotating = Signatures.header(List.of(other, key), "msg_1", Long.parseLong(now),
				BODY.getBytes(StandardCharsets.UTF_8));
		String old = "1600000000";
		String oldSignature = Signatures.header(List.of(key), "msg_1", Long.parseLong(old),
				BODY.getBytes(StandardCharsets.UTF_8));

		assertThat(shell(Signatures.secret(key), "msg_1", now, signature, BODY)).isEqualTo("valid");
		assertThat(shell(Signatures.secret(key), "msg_1", now, rotating, BODY)).isEqualTo("valid");
		assertThat(shell(Signatures.secret(other), "msg_1", now, signature, BODY)).isEqualTo("invalid");
		assertThat(shell(Signatures.secret(key), "msg_1", now, signature, BODY.replace("1000042", "1000043")))
			.isEqualTo("invalid");
		assertThat(shell(Signatures.secret(key), "msg_2", now, signature, BODY)).isEqualTo("invalid");
		assertThat(shell(Signatures.secret(key), "msg_1", old, oldSignature, BODY)).isEqualTo("too old");
	}

	/** Runs the {@code sh} block of docs/EVENTS.md marked verify.sh with these values. */
	private static String shell(String secret, String id, String ts, String signature, String body) throws Exception {
		String doc = Files.readString(Path.of("docs/EVENTS.md"));
		String block = doc.substring(doc.indexOf("<!-- verify.sh"));
		block = block.substring(block.indexOf("```sh\n") + 6);
		block = block.substring(0, block.indexOf("```"));
		ProcessBuilder builder = new ProcessBuilder("sh", "-c", block).redirectErrorStream(true);
		builder.environment()
			.putAll(Map.of("secret", secret, "id", id, "ts", ts, "signature", signature, "body", body));
		Process process = builder.start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(out).isZero();
		return out;
	}

}
