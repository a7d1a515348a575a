package com.usercenter.user;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts brought in from another system (contract 9.2), a thousand at a time: which of
 * their contacts, usernames and identities other accounts hold, and the rows themselves,
 * written with one statement per table for a whole batch. The batch is the caller's
 * transaction; what it writes is what {@link UserAdmin#create} and a social sign-in would
 * have written one by one (contacts unverified unless the old system says otherwise,
 * status active, role USER). One statement of a thousand rows instead of a thousand
 * entity inserts is what lets an import pass 10,000 lines a second (bench/RESULTS.md).
 */
@Service
public class ImportedAccounts {

	/** The providers an imported identity may name, as sign-in stores them. */
	public static final Set<String> PROVIDERS = Set.of("wechat", "wechat_mini", "weibo", "qq", "apple");

	/** The providers whose identities carry WeChat's unionid. */
	public static final Set<String> UNION_PROVIDERS = Set.of("wechat", "wechat_mini");

	private final JdbcTemplate jdbc;

	private final Clock clock;

	ImportedAccounts(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Which of these are held by accounts already: mobiles (E.164), emails (lower case),
	 * usernames (lower case), identities ({@code provider + ":" + subject}) and WeChat
	 * unionids.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Taken taken(Collection<String> mobiles, Collection<String> emails, Collection<String> usernames,
			Collection<String> identities, Collection<String> unionIds) {
		return this.jdbc.execute((Connection connection) -> {
			Set<String> takenMobiles = values(connection, "select mobile from app_user where mobile = any(?)", mobiles);
			Set<String> takenEmails = values(connection, "select email from app_user where email = any(?)", emails);
			Set<String> takenUsernames = values(connection, "select username from app_user where username = any(?)",
					usernames);
			List<String> providers = new ArrayList<>();
			List<String> subjects = new ArrayList<>();
			for (String identity : identities) {
				int colon = identity.indexOf(':');
				providers.add(identity.substring(0, colon));
				subjects.add(identity.substring(colon + 1));
			}
			Set<String> takenIdentities = values(connection, """
					select i.provider || ':' || i.subject from user_identity i
					join unnest(?::text[], ?::text[]) as k(provider, subject)
					  on i.provider = k.provider and i.subject = k.subject
					""", providers, subjects);
			Set<String> takenUnions = values(connection,
					"select union_id from user_identity where union_id = any(?) and provider in ('wechat', 'wechat_mini')",
					unionIds);
			return new Taken(takenMobiles, takenEmails, takenUsernames, takenIdentities, takenUnions);
		});
	}

	/**
	 * Writes the accounts and their identities in the caller's transaction and answers
	 * their ids, in order. The caller has checked {@link #taken}; a row another
	 * transaction took meanwhile fails the statement with its unique constraint
	 * ({@code uk_app_user_mobile}, ...), and the caller's transaction with it.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public long[] insert(List<ImportedAccount> accounts) {
		if (accounts.isEmpty()) {
			return new long[0];
		}
		return this.jdbc.execute((Connection connection) -> {
			long[] ids = newIds(connection, accounts.size());
			int n = accounts.size();
			Long[] id = new Long[n];
			String[] mobile = new String[n];
			Boolean[] mobileVerified = new Boolean[n];
			String[] email = new String[n];
			Boolean[] emailVerified = new Boolean[n];
			String[] username = new String[n];
			String[] nickname = new String[n];
			Short[] sex = new Short[n];
			Date[] birthday = new Date[n];
			String[] passwordHash = new String[n];
			Timestamp[] createdAt = new Timestamp[n];
			List<Long> identityUser = new ArrayList<>();
			List<String> identityProvider = new ArrayList<>();
			List<String> identitySubject = new ArrayList<>();
			List<String> identityUnion = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				ImportedAccount account = accounts.get(i);
				id[i] = ids[i];
				mobile[i] = account.mobile();
				mobileVerified[i] = account.mobileVerified();
				email[i] = account.email();
				emailVerified[i] = account.emailVerified();
				username[i] = account.username();
				nickname[i] = account.nickname();
				sex[i] = (short) account.sex();
				birthday[i] = (account.birthday() != null) ? Date.valueOf(account.birthday()) : null;
				passwordHash[i] = account.passwordHash();
				createdAt[i] = Timestamp.from(account.registeredAt());
				for (ImportedIdentity identity : account.identities()) {
					identityUser.add(ids[i]);
					identityProvider.add(identity.provider());
					identitySubject.add(identity.subject());
					identityUnion.add(identity.unionId());
				}
			}
			try (PreparedStatement insert = connection.prepareStatement("""
					insert into app_user (id, mobile, mobile_verified, email, email_verified, username, nickname, sex,
					                      birthday, password_hash, created_at, updated_at)
					select u.id, u.mobile, u.mobile_verified, u.email, u.email_verified, u.username, u.nickname, u.sex,
					       u.birthday, u.password_hash, u.created_at, u.created_at
					from unnest(?::bigint[], ?::text[], ?::boolean[], ?::text[], ?::boolean[], ?::text[], ?::text[],
					            ?::smallint[], ?::date[], ?::text[], ?::timestamptz[])
					     as u(id, mobile, mobile_verified, email, email_verified, username, nickname, sex, birthday,
					          password_hash, created_at)
					""")) {
				insert.setArray(1, connection.createArrayOf("bigint", id));
				insert.setArray(2, connection.createArrayOf("text", mobile));
				insert.setArray(3, connection.createArrayOf("boolean", mobileVerified));
				insert.setArray(4, connection.createArrayOf("text", email));
				insert.setArray(5, connection.createArrayOf("boolean", emailVerified));
				insert.setArray(6, connection.createArrayOf("text", username));
				insert.setArray(7, connection.createArrayOf("text", nickname));
				insert.setArray(8, connection.createArrayOf("smallint", sex));
				insert.setArray(9, connection.createArrayOf("date", birthday));
				insert.setArray(10, connection.createArrayOf("text", passwordHash));
				insert.setArray(11, connection.createArrayOf("timestamptz", createdAt));
				insert.executeUpdate();
			}
			if (!identityUser.isEmpty()) {
				try (PreparedStatement insert = connection.prepareStatement(
						"""
								insert into user_identity (user_id, provider, subject, union_id, created_at)
								select i.user_id, i.provider, i.subject, i.union_id, ?::timestamptz
								from unnest(?::bigint[], ?::text[], ?::text[], ?::text[]) as i(user_id, provider, subject, union_id)
								""")) {
					insert.setTimestamp(1, Timestamp.from(this.clock.instant()));
					insert.setArray(2, connection.createArrayOf("bigint", identityUser.toArray()));
					insert.setArray(3, connection.createArrayOf("text", identityProvider.toArray()));
					insert.setArray(4, connection.createArrayOf("text", identitySubject.toArray()));
					insert.setArray(5, connection.createArrayOf("text", identityUnion.toArray()));
					insert.executeUpdate();
				}
			}
			return ids;
		});
	}

	private static long[] newIds(Connection connection, int count) throws SQLException {
		long[] ids = new long[count];
		try (PreparedStatement next = connection
			.prepareStatement("select nextval(pg_get_serial_sequence('app_user', 'id')) from generate_series(1, ?)")) {
			next.setInt(1, count);
			try (ResultSet rows = next.executeQuery()) {
				for (int i = 0; rows.next(); i++) {
					ids[i] = rows.getLong(1);
				}
			}
		}
		return ids;
	}

	@SafeVarargs
	private static Set<String> values(Connection connection, String sql, Collection<String>... keys)
			throws SQLException {
		Set<String> found = new HashSet<>();
		if (keys[0].isEmpty()) {
			return found;
		}
		try (PreparedStatement query = connection.prepareStatement(sql)) {
			for (int i = 0; i < keys.length; i++) {
				Array array = connection.createArrayOf("text", keys[i].toArray());
				query.setArray(i + 1, array);
			}
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					found.add(rows.getString(1));
				}
			}
		}
		return found;
	}

	/**
	 * An account as the old system knew it, its values already normalized (E.164 mobile,
	 * lower-case email and username) and its password hash in the stored form (null for
	 * none).
	 */
	public record ImportedAccount(String mobile, boolean mobileVerified, String email, boolean emailVerified,
			String username, String nickname, int sex, LocalDate birthday, Instant registeredAt, String passwordHash,
			List<ImportedIdentity> identities) {
	}

	/** A WeChat, Weibo, QQ or Apple identity of an imported account. */
	public record ImportedIdentity(String provider, String subject, String unionId) {

		/** How {@link #taken} names it. */
		public String key() {
			return this.provider + ":" + this.subject;
		}

	}

	/** What other accounts already hold, as {@link #taken} answers it. */
	public record Taken(Set<String> mobiles, Set<String> emails, Set<String> usernames, Set<String> identities,
			Set<String> unionIds) {
	}

}
