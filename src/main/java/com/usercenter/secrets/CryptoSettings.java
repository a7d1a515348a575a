package com.usercenter.secrets;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the master key comes from. It encrypts the secrets the service must be able to
 * read back (tenant HMAC secrets, a generated token signing key) before they are stored.
 *
 * @param masterKey base64 of 32 random bytes; set it (from the environment) when running
 * more than one instance
 * @param masterKeyFile used when {@code masterKey} is empty: read, or created with a new
 * random key (default {@code ~/.usercenter/master.key})
 */
@ConfigurationProperties("usercenter.crypto")
public record CryptoSettings(String masterKey, Path masterKeyFile) {

	public CryptoSettings {
		if (masterKeyFile == null) {
			masterKeyFile = Path.of(System.getProperty("user.home"), ".usercenter", "master.key");
		}
	}

}
