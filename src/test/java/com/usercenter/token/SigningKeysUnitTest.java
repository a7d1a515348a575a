package com.usercenter.token;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeysUnitTest {

	@Test
	void readsAPkcs8PemKeyAndDerivesItsPublicHalf() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		KeyPair pair = generator.generateKeyPair();
		String pem = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----";

		ECKey key = SigningKeys.parse(pem);

		assertThat(key.isPrivate()).isTrue();
		assertThat(key.toECPublicKey().getW())
			.isEqualTo(((java.security.interfaces.ECPublicKey) pair.getPublic()).getW());
		assertThat(key.getKeyID()).isNotBlank();
	}

	@Test
	void readsAPrivateJwk() throws Exception {
		ECKey generated = new ECKeyGenerator(Curve.P_256).generate();

		ECKey key = SigningKeys.parse(generated.toJSONString());

		assertThat(key.getX()).isEqualTo(generated.getX());
		assertThat(key.getKeyID()).isEqualTo(generated.computeThumbprint().toString());
	}

	@Test
	void refusesAPublicOnlyJwk() throws Exception {
		String publicOnly = new ECKeyGenerator(Curve.P_256).generate().toPublicJWK().toJSONString();

		assertThatThrownBy(() -> SigningKeys.parse(publicOnly)).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void refusesGarbage() {
		assertThatThrownBy(() -> SigningKeys.parse("-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----"))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("usercenter.token.signing-key");
	}

}
