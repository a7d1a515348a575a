package com.usercenter.imports;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.usercenter.account.LegacyPasswords;
import com.usercenter.user.Email;
import com.usercenter.user.ImportedAccounts;
import com.usercenter.user.ImportedAccounts.ImportedAccount;
import com.usercenter.user.ImportedAccounts.ImportedIdentity;
import com.usercenter.user.PhoneNumber;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * A line of an import file made into an account ready to write, or into the reason it is
 * rejected (40000): not JSON, a field it does not know (a misspelt {@code mobileVerifed}
 * would otherwise be lost without a word), a value the same field would not take
 * elsewhere, or a password hash {@link LegacyPasswords} cannot check. The reasons name
 * fields, never values: a line may hold a password hash.
 */
@Component
class ImportLines {

	private static final LocalDate FIRST_BIRTHDAY = LocalDate.of(1900, 1, 1);

	private final ObjectReader reader;

	private final Validator validator;

	private final LegacyPasswords passwords;

	private final Clock clock;

	ImportLines(JsonMapper json, Validator validator, LegacyPasswords passwords, Clock clock) {
		this.reader = json.readerFor(ImportLine.class)
			.with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
					DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
		this.validator = validator;
		this.passwords = passwords;
		this.clock = clock;
	}

	Parsed parse(NdjsonLines.Line line) {
		if (line.tooLong()) {
			return Parsed.rejected(line.number(), null,
					"the line is longer than " + NdjsonLines.MAX_LINE_BYTES + " bytes");
		}
		ImportLine fields;
		try {
			fields = this.reader.readValue(line.bytes());
		}
		catch (UnrecognizedPropertyException ex) {
			return Parsed.rejected(line.number(), null, "unknown field " + shortened(ex.getPropertyName()));
		}
		catch (MismatchedInputException ex) {
			String path = path(ex);
			return Parsed.rejected(line.number(), null,
					path.isEmpty() ? "the line is not a JSON object" : path + ": wrong type");
		}
		catch (JacksonException ex) {
			return Parsed.rejected(line.number(), null, "the line is not valid JSON");
		}
		if (fields == null) {
			return Parsed.rejected(line.number(), null, "the line is not a JSON object");
		}
		String externalId = (fields.externalId() != null && fields.externalId().length() <= 128) ? fields.externalId()
				: null;
		try {
			return new Parsed(line.number(), externalId, account(fields), tenants(fields), null);
		}
		catch (Invalid ex) {
			return Parsed.rejected(line.number(), externalId, ex.getMessage());
		}
	}

	private ImportedAccount account(ImportLine fields) {
		Set<ConstraintViolation<ImportLine>> violations = this.validator.validate(fields);
		if (!violations.isEmpty()) {
			ConstraintViolation<ImportLine> first = violations.stream()
				.min(Comparator.comparing((ConstraintViolation<ImportLine> v) -> v.getPropertyPath().toString()))
				.orElseThrow();
			throw new Invalid(first.getPropertyPath() + ": " + first.getMessage());
		}
		PhoneNumber mobile = null;
		if (fields.mobile() != null) {
			mobile = PhoneNumber.parseOrNull(fields.mobile());
			if (mobile == null) {
				throw new Invalid("mobile: not a mobile number");
			}
		}
		Email email = null;
		if (fields.email() != null) {
			email = Email.parseOrNull(fields.email());
			if (email == null) {
				throw new Invalid("email: not an email address");
			}
		}
		List<ImportedIdentity> identities = identities(fields);
		boolean mapped = fields.tenants() != null && !fields.tenants().isEmpty();
		if (mobile == null && email == null && fields.username() == null && identities.isEmpty() && !mapped) {
			throw new Invalid("give at least one of mobile, email, username, identities or tenants");
		}
		if (Boolean.TRUE.equals(fields.mobileVerified()) && mobile == null) {
			throw new Invalid("mobileVerified: there is no mobile");
		}
		if (Boolean.TRUE.equals(fields.emailVerified()) && email == null) {
			throw new Invalid("emailVerified: there is no email");
		}
		String hash = null;
		if (fields.password() != null) {
			ImportLine.Password password = fields.password();
			try {
				hash = this.passwords.storedForm(password.algorithm(), password.hash(), password.salt(),
						password.iterations());
			}
			catch (IllegalArgumentException ex) {
				// the reasons name their field (password.hash, ...), never its value
				String reason = ex.getMessage();
				throw new Invalid(reason.startsWith("password") ? reason : "password: " + reason);
			}
		}
		return new ImportedAccount((mobile != null) ? mobile.e164() : null,
				Boolean.TRUE.equals(fields.mobileVerified()), (email != null) ? email.value() : null,
				Boolean.TRUE.equals(fields.emailVerified()),
				(fields.username() != null) ? fields.username().toLowerCase(Locale.ROOT) : null, fields.nickname(),
				(fields.sex() != null) ? fields.sex() : 0, birthday(fields.birthday()),
				registeredAt(fields.registeredAt()), hash, identities);
	}

	private static List<ImportedIdentity> identities(ImportLine fields) {
		List<ImportedIdentity> identities = new ArrayList<>();
		if (fields.identities() == null) {
			return identities;
		}
		Set<String> providers = new HashSet<>();
		for (ImportLine.Identity identity : fields.identities()) {
			if (!providers.add(identity.provider())) {
				throw new Invalid("identities: one identity per provider");
			}
			if (identity.unionId() != null && !ImportedAccounts.UNION_PROVIDERS.contains(identity.provider())) {
				throw new Invalid("identities: only wechat and wechat_mini identities have a unionId");
			}
			identities.add(new ImportedIdentity(identity.provider(), identity.subject(), identity.unionId()));
		}
		return identities;
	}

	private static Map<String, String> tenants(ImportLine fields) {
		Map<String, String> tenants = new LinkedHashMap<>();
		if (fields.tenants() != null) {
			for (ImportLine.Tenant tenant : fields.tenants()) {
				if (tenants.putIfAbsent(tenant.tenantKey(), tenant.associatedId()) != null) {
					throw new Invalid("tenants: one associatedId per tenant");
				}
			}
		}
		return tenants;
	}

	/** {@code yyyy-MM-dd} or epoch milliseconds, from 1900-01-01 to today. */
	private LocalDate birthday(String value) {
		if (value == null) {
			return null;
		}
		LocalDate date;
		try {
			date = isEpochMillis(value)
					? Instant.ofEpochMilli(Long.parseLong(value)).atOffset(ZoneOffset.UTC).toLocalDate()
					: LocalDate.parse(value);
		}
		catch (DateTimeException | NumberFormatException ex) {
			throw new Invalid("birthday: must be yyyy-MM-dd or epoch milliseconds");
		}
		if (date.isBefore(FIRST_BIRTHDAY) || date.isAfter(LocalDate.now(this.clock))) {
			throw new Invalid("birthday: must be between 1900-01-01 and today");
		}
		return date;
	}

	/** RFC 3339 or epoch milliseconds, not in the future; now when not given. */
	private Instant registeredAt(String value) {
		Instant now = this.clock.instant();
		if (value == null) {
			return now;
		}
		Instant at;
		try {
			at = isEpochMillis(value) ? Instant.ofEpochMilli(Long.parseLong(value))
					: OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeException | NumberFormatException ex) {
			throw new Invalid("registeredAt: must be an RFC 3339 time or epoch milliseconds");
		}
		if (at.isAfter(now) || at.isBefore(Instant.EPOCH)) {
			throw new Invalid("registeredAt: must be between 1970 and now");
		}
		return at;
	}

	private static boolean isEpochMillis(String value) {
		return !value.isEmpty() && value.length() <= 15 && value.chars().allMatch(Character::isDigit);
	}

	private static String path(MismatchedInputException ex) {
		StringBuilder path = new StringBuilder();
		for (var reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(shortened(reference.getPropertyName()));
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String shortened(String name) {
		return (name == null) ? "" : (name.length() > 64) ? name.substring(0, 64) + "..." : name;
	}

	/**
	 * A line, read: ready to write ({@code rejection} null) or not, with why.
	 *
	 * @param line its number in the file
	 * @param externalId its external id, when it could be read
	 * @param account the account it makes
	 * @param tenants its partner mappings, {@code tenantKey} to {@code associatedId}
	 * @param rejection why it changes nothing, null when it is good
	 */
	record Parsed(int line, String externalId, ImportedAccount account, Map<String, String> tenants, String rejection) {

		static Parsed rejected(int line, String externalId, String why) {
			return new Parsed(line, externalId, null, Map.of(), why);
		}

	}

	/** A value the line may not have, named for the admin. */
	private static final class Invalid extends RuntimeException {

		Invalid(String message) {
			super(message, null, false, false);
		}

	}

}
