package com.usercenter.account;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * An imported bcrypt string ({@code $2a$}, {@code $2b$} or {@code $2y$}, which compute
 * alike), stored as it came. The cost is capped at {@value #MAX_COST}: each step doubles
 * a check, and cost 14 already takes about a second here (12 about a quarter), so a
 * higher one would hold a hashing thread for seconds. Checked with Spring Security's
 * {@link BCryptPasswordEncoder}, which reads the cost and salt from the string, ignores
 * what comes after a password's 72nd byte as every bcrypt does, and compares in constant
 * time.
 */
final class BcryptFormat implements ImportedFormat {

	static final int MAX_COST = 14;

	private static final int MIN_COST = 4;

	private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$([0-9]{2})\\$[./A-Za-z0-9]{53}");

	private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

	@Override
	public String encode(String algorithm, String hash, String salt, Integer iterations) {
		ImportedFormat.requireNoSalt(algorithm, salt);
		ImportedFormat.requireNoIterations(algorithm, iterations);
		Matcher bcrypt = BCRYPT.matcher(hash);
		if (!bcrypt.matches()) {
			throw ImportedFormat.invalid("password.hash of bcrypt must be a $2a$, $2b$ or $2y$ string");
		}
		int cost = Integer.parseInt(bcrypt.group(1));
		if (cost < MIN_COST || cost > MAX_COST) {
			throw ImportedFormat.invalid("password.hash of bcrypt must have a cost of " + MIN_COST + " to " + MAX_COST);
		}
		return hash;
	}

	@Override
	public boolean matches(String password, String encoded, PasswordEncoder argon2id) {
		Matcher bcrypt = BCRYPT.matcher(encoded);
		if (!bcrypt.matches() || Integer.parseInt(bcrypt.group(1)) > MAX_COST) {
			return false;
		}
		return this.bcrypt.matches(password, encoded);
	}

}
