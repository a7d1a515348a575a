package com.usercenter.account;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.usercenter.account.DigestFormat.Layout;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Password hashes brought in from the system the user center replaces (contract 9.2). An
 * import turns each into the value stored as the account's password hash: the hash's own
 * encoding behind an {@code {algorithm}} prefix, Spring Security's
 * {@code DelegatingPasswordEncoder} convention. The service's own hashes have no prefix,
 * so a stored value starting with {@code {} is an imported one: the password encoder
 * checks it here and asks for it to be replaced by the service's Argon2id on the first
 * right password.
 * <p>
 * An import is checked against caps on what the stored value may cost one sign-in (bcrypt
 * cost, Argon2 memory and passes, PBKDF2 iterations, salt and hash lengths; see each
 * format), so imported accounts cannot make sign-in slow or memory-hungry; the check
 * applies them again. The {@code {id}} dispatch is done here rather than by {@code
 * DelegatingPasswordEncoder}: that encoder prefixes what it encodes and asks to upgrade
 * every unprefixed value, both wrong for the service's own hashes.
 */
@Component
public class LegacyPasswords {

	/** The longest value the password hash column holds. */
	static final int MAX_STORED = 1024;

	private final Map<String, ImportedFormat> formats = formats();

	/**
	 * The value to store for an imported password hash: {@code {algorithm}} and the hash
	 * in one spelling (lowercase hex, salt after a {@code $}; see each format), at most
	 * {@value #MAX_STORED} characters. Hashes nothing, so it is as cheap for a dry run.
	 * @param algorithm one of the contract's names: {@code bcrypt}, {@code argon2},
	 * {@code pbkdf2-sha1}, {@code pbkdf2-sha256}, {@code md5}, {@code sha1},
	 * {@code sha256}, {@code md5-salt-prefix}, {@code sha1-salt-prefix},
	 * {@code sha256-salt-prefix}, {@code md5-salt-suffix}, {@code sha1-salt-suffix},
	 * {@code sha256-salt-suffix}, {@code md5-md5}
	 * @param hash hex for the digests and PBKDF2 (either case), the bcrypt string, the
	 * Argon2 PHC string
	 * @param salt the literal salt string of the salted digests, the hex salt of PBKDF2;
	 * null (or empty) for the others
	 * @param iterations PBKDF2's; null for the others
	 * @throws IllegalArgumentException when the input is not a hash of the algorithm, or
	 * asks more of a check than the caps allow; its message is a short English sentence
	 * naming the field and the rule, never the hash or salt, safe to answer and to log
	 */
	public String storedForm(String algorithm, String hash, String salt, Integer iterations) {
		if (algorithm == null || algorithm.isEmpty()) {
			throw ImportedFormat.invalid("password.algorithm is required");
		}
		ImportedFormat format = this.formats.get(algorithm);
		if (format == null) {
			throw ImportedFormat
				.invalid("password.algorithm must be one of " + String.join(", ", this.formats.keySet()));
		}
		if (hash == null || hash.isEmpty()) {
			throw ImportedFormat.invalid("password.hash is required");
		}
		String stored = "{" + algorithm + "}" + format.encode(algorithm, hash, salt, iterations);
		if (stored.length() > MAX_STORED) {
			// the caps keep every format far below this
			throw ImportedFormat.invalid("password.hash is too long");
		}
		return stored;
	}

	/** Whether a stored password hash is an imported one. */
	static boolean isImported(String stored) {
		return stored != null && stored.startsWith("{");
	}

	/**
	 * Whether the password is the one an imported hash was made of; false for an empty
	 * password and for a value {@link #storedForm} did not write.
	 * @param argon2id the service's own Argon2id, which checks imported argon2id hashes
	 * with its pooled memory
	 */
	boolean matches(CharSequence password, String stored, PasswordEncoder argon2id) {
		int end = isImported(stored) ? stored.indexOf('}') : -1;
		ImportedFormat format = (end > 0) ? this.formats.get(stored.substring(1, end)) : null;
		if (format == null || password == null || password.isEmpty()) {
			return false;
		}
		return format.matches(password.toString(), stored.substring(end + 1), argon2id);
	}

	private static Map<String, ImportedFormat> formats() {
		Map<String, ImportedFormat> formats = new LinkedHashMap<>();
		formats.put("bcrypt", new BcryptFormat());
		formats.put("argon2", new Argon2Format());
		formats.put("pbkdf2-sha1", new Pbkdf2Format("PBKDF2WithHmacSHA1", 20));
		formats.put("pbkdf2-sha256", new Pbkdf2Format("PBKDF2WithHmacSHA256", 32));
		formats.put("md5", new DigestFormat("MD5", 16, Layout.PLAIN));
		formats.put("sha1", new DigestFormat("SHA-1", 20, Layout.PLAIN));
		formats.put("sha256", new DigestFormat("SHA-256", 32, Layout.PLAIN));
		formats.put("md5-salt-prefix", new DigestFormat("MD5", 16, Layout.SALT_PREFIX));
		formats.put("sha1-salt-prefix", new DigestFormat("SHA-1", 20, Layout.SALT_PREFIX));
		formats.put("sha256-salt-prefix", new DigestFormat("SHA-256", 32, Layout.SALT_PREFIX));
		formats.put("md5-salt-suffix", new DigestFormat("MD5", 16, Layout.SALT_SUFFIX));
		formats.put("sha1-salt-suffix", new DigestFormat("SHA-1", 20, Layout.SALT_SUFFIX));
		formats.put("sha256-salt-suffix", new DigestFormat("SHA-256", 32, Layout.SALT_SUFFIX));
		formats.put("md5-md5", new DigestFormat("MD5", 16, Layout.MD5_OF_HEX_MD5));
		return Collections.unmodifiableMap(formats);
	}

}
