package com.usercenter.imports;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.Savepoint;
import java.util.function.Supplier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.usercenter.audit.AuditService;
import com.usercenter.audit.AuditType;
import com.usercenter.changes.AdvisoryLocks;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.errors.UniqueConstraints;
import com.usercenter.tenant.ImportedMappings;
import com.usercenter.tenant.ImportedMappings.Mapping;
import com.usercenter.user.ImportedAccounts;
import com.usercenter.user.ImportedAccounts.ImportedAccount;
import com.usercenter.user.ImportedAccounts.ImportedIdentity;
import com.usercenter.user.ImportedAccounts.Taken;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An import (contract 9.2): the lines of a file read as they arrive, a thousand at a
 * time, each thousand checked and written in one transaction, so the service holds one
 * batch of a file of any length and a file cut in the middle keeps what was written
 * before the cut. Every batch is written under one cluster-wide advisory lock: two
 * imports at once take turns per batch, so an overlapping line is skipped or rejected,
 * never written twice. An account signed up meanwhile with a contact a batch was about to
 * write fails the batch's statement; the batch is then written again line by line, and
 * only that line is rejected. A dry run does the same in one transaction it rolls back,
 * so a later line conflicting with an earlier one of the same file is found too.
 */
@Service
class UserImport {

	private static final Logger log = LoggerFactory.getLogger(UserImport.class);

	/** Lines per transaction: 1,000 writes a batch in about 40 ms (bench/RESULTS.md). */
	static final int BATCH_LINES = 1000;

	/** The most lines one request takes (contract 9.2). */
	static final int MAX_LINES = 1_000_000;

	/** The most rejections an answer lists (contract 9.2); all are counted. */
	static final int MAX_LISTED_REJECTIONS = 1000;

	private static final String LOCK = "user-import";

	private final ImportLines parser;

	private final ImportedAccounts accounts;

	private final ImportedMappings mappings;

	private final ImportRecords records;

	private final AdvisoryLocks locks;

	private final AuditService audit;

	private final MessageSource messages;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate batchTransaction;

	private final TransactionTemplate dryRunTransaction;

	private final Map<String, Counter> lineCounters;

	UserImport(ImportLines parser, ImportedAccounts accounts, ImportedMappings mappings, ImportRecords records,
			AdvisoryLocks locks, AuditService audit, MessageSource messages, PlatformTransactionManager transactions,
			JdbcTemplate jdbc, MeterRegistry meters) {
		this.parser = parser;
		this.accounts = accounts;
		this.mappings = mappings;
		this.records = records;
		this.locks = locks;
		this.audit = audit;
		this.messages = messages;
		this.jdbc = jdbc;
		this.batchTransaction = new TransactionTemplate(transactions);
		this.dryRunTransaction = new TransactionTemplate(transactions);
		this.lineCounters = Map.of("imported", counter(meters, "imported"), "skipped", counter(meters, "skipped"),
				"rejected", counter(meters, "rejected"));
	}

	private static Counter counter(MeterRegistry meters, String result) {
		return Counter.builder("usercenter.user.import.lines")
			.description("Lines of user import files, by what became of them (dry runs not counted)")
			.tag("result", result)
			.register(meters);
	}

	/**
	 * Reads the body to its end (or past {@link #MAX_LINES}) and answers what became of
	 * its lines.
	 * @throws IOException when the body could not be read to its end; what was written
	 * before stays written
	 */
	ImportResult run(InputStream body, boolean dryRun, long adminId, Locale locale) throws IOException {
		Tally tally = new Tally(this.messages, locale);
		NdjsonLines lines = new NdjsonLines(body);
		long started = System.nanoTime();
		try {
			if (dryRun) {
				this.dryRunTransaction.executeWithoutResult((status) -> {
					try {
						readAll(lines, tally, true);
					}
					catch (IOException ex) {
						throw new UncheckedBodyFailure(ex);
					}
					finally {
						status.setRollbackOnly();
					}
				});
			}
			else {
				readAll(lines, tally, false);
			}
		}
		catch (UncheckedBodyFailure ex) {
			throw ex.getCause();
		}
		finally {
			if (!dryRun) {
				this.lineCounters.get("imported").increment(tally.imported);
				this.lineCounters.get("skipped").increment(tally.skipped);
				this.lineCounters.get("rejected").increment(tally.rejectedCount);
			}
			String detail = String.format(Locale.ROOT, "%s by admin %d: %d imported, %d skipped, %d rejected%s",
					dryRun ? "dry run" : "import", adminId, tally.imported, tally.skipped, tally.rejectedCount,
					tally.complete ? "" : ", cut short");
			this.audit.record(AuditType.USERS_IMPORTED, adminId, null, detail);
			log.info("User {} in {} ms", detail, (System.nanoTime() - started) / 1_000_000);
		}
		return tally.result();
	}

	private void readAll(NdjsonLines lines, Tally tally, boolean dryRun) throws IOException {
		List<ImportLines.Parsed> batch = new ArrayList<>(BATCH_LINES);
		NdjsonLines.Line line;
		while ((line = lines.next()) != null) {
			if (tally.lines == MAX_LINES) {
				tally.reject(line.number(), null, ErrorCode.INVALID_REQUEST,
						"a file holds at most 1,000,000 lines: this line and those after it were not read");
				break;
			}
			tally.lines++;
			ImportLines.Parsed parsed = this.parser.parse(line);
			if (parsed.rejection() != null) {
				tally.reject(parsed.line(), parsed.externalId(), ErrorCode.INVALID_REQUEST, parsed.rejection());
				continue;
			}
			batch.add(parsed);
			if (batch.size() == BATCH_LINES) {
				write(batch, tally, dryRun);
				batch.clear();
			}
		}
		if (!batch.isEmpty()) {
			write(batch, tally, dryRun);
		}
		tally.complete = true;
	}

	/**
	 * Writes one batch; when an account written meanwhile by someone else takes one of
	 * its values, line by line instead.
	 */
	private void write(List<ImportLines.Parsed> batch, Tally tally, boolean dryRun) {
		Outcome outcome;
		try {
			outcome = inBatch(dryRun, () -> writeInTransaction(batch));
		}
		catch (DataIntegrityViolationException ex) {
			outcome = new Outcome();
			for (ImportLines.Parsed line : batch) {
				outcome.add(writeAlone(line, dryRun));
			}
		}
		tally.add(outcome);
	}

	/**
	 * A batch's work in a transaction of its own, or in a dry run's transaction behind a
	 * savepoint (JPA's transaction manager has none: the import's statements are JDBC's,
	 * so the savepoint is the connection's).
	 */
	private Outcome inBatch(boolean dryRun, Supplier<Outcome> work) {
		if (!dryRun) {
			return this.batchTransaction.execute((status) -> work.get());
		}
		Savepoint savepoint = this.jdbc.execute((ConnectionCallback<Savepoint>) Connection::setSavepoint);
		try {
			Outcome outcome = work.get();
			this.jdbc.execute((Connection connection) -> {
				connection.releaseSavepoint(savepoint);
				return null;
			});
			return outcome;
		}
		catch (RuntimeException ex) {
			this.jdbc.execute((Connection connection) -> {
				connection.rollback(savepoint);
				return null;
			});
			throw ex;
		}
	}

	private Outcome writeAlone(ImportLines.Parsed line, boolean dryRun) {
		try {
			return inBatch(dryRun, () -> writeInTransaction(List.of(line)));
		}
		catch (DataIntegrityViolationException ex) {
			Outcome outcome = new Outcome();
			ErrorCode code = codeOf(ex);
			if (code == null) {
				outcome.skipped++;
			}
			else {
				outcome.rejections.add(new Rejection(line.line(), line.externalId(), code, null));
			}
			return outcome;
		}
	}

	/**
	 * What a unique constraint means for the line that hit it: null for its external id
	 * (imported meanwhile: skipped).
	 */
	private static ErrorCode codeOf(DataIntegrityViolationException ex) {
		if (UniqueConstraints.violated(ex, "pk_user_import")) {
			return null;
		}
		if (UniqueConstraints.violated(ex, "uk_app_user_username")) {
			return ErrorCode.USERNAME_IN_USE;
		}
		if (UniqueConstraints.violated(ex, "uk_app_user_mobile")) {
			return ErrorCode.MOBILE_IN_USE;
		}
		if (UniqueConstraints.violated(ex, "uk_app_user_email")) {
			return ErrorCode.EMAIL_IN_USE;
		}
		if (UniqueConstraints.violated(ex, "uk_user_identity_subject")
				|| UniqueConstraints.violated(ex, "uk_tenant_account")) {
			return ErrorCode.IDENTITY_BOUND;
		}
		throw ex;
	}

	private Outcome writeInTransaction(List<ImportLines.Parsed> batch) {
		this.locks.lockForTransaction(LOCK);
		Set<String> externalIds = new HashSet<>();
		Set<String> mobiles = new HashSet<>();
		Set<String> emails = new HashSet<>();
		Set<String> usernames = new HashSet<>();
		Set<String> identities = new HashSet<>();
		Set<String> unions = new HashSet<>();
		Set<String> tenantKeys = new HashSet<>();
		for (ImportLines.Parsed line : batch) {
			externalIds.add(line.externalId());
			ImportedAccount account = line.account();
			addIfPresent(mobiles, account.mobile());
			addIfPresent(emails, account.email());
			addIfPresent(usernames, account.username());
			for (ImportedIdentity identity : account.identities()) {
				identities.add(identity.key());
				addIfPresent(unions, identity.unionId());
			}
			tenantKeys.addAll(line.tenants().keySet());
		}
		Set<String> imported = this.records.imported(externalIds);
		Map<String, Long> tenantIds = this.mappings.tenantIds(tenantKeys);
		List<Mapping> wanted = new ArrayList<>();
		for (ImportLines.Parsed line : batch) {
			line.tenants().forEach((key, associatedId) -> {
				Long tenantId = tenantIds.get(key);
				if (tenantId != null) {
					wanted.add(new Mapping(tenantId, associatedId));
				}
			});
		}
		Taken taken = this.accounts.taken(mobiles, emails, usernames, identities, unions);
		Set<String> takenMappings = this.mappings.taken(wanted);

		Outcome outcome = new Outcome();
		Claims claims = new Claims(taken, takenMappings, imported);
		List<ImportLines.Parsed> accepted = new ArrayList<>();
		for (ImportLines.Parsed line : batch) {
			if (!claims.externalIds.add(line.externalId())) {
				outcome.skipped++;
				continue;
			}
			Rejection rejection = claims.check(line, tenantIds);
			if (rejection != null) {
				claims.externalIds.remove(line.externalId());
				outcome.rejections.add(rejection);
				continue;
			}
			claims.claim(line, tenantIds);
			accepted.add(line);
		}
		if (accepted.isEmpty()) {
			return outcome;
		}
		long[] ids = this.accounts.insert(accepted.stream().map(ImportLines.Parsed::account).toList());
		List<Mapping> mappings = new ArrayList<>();
		List<Long> mappedUsers = new ArrayList<>();
		for (int i = 0; i < accepted.size(); i++) {
			long userId = ids[i];
			accepted.get(i).tenants().forEach((key, associatedId) -> {
				mappings.add(new Mapping(tenantIds.get(key), associatedId));
				mappedUsers.add(userId);
			});
		}
		this.mappings.insert(mappings, mappedUsers);
		this.records.record(accepted.stream().map(ImportLines.Parsed::externalId).toList(), ids);
		outcome.imported = accepted.size();
		return outcome;
	}

	private static void addIfPresent(Set<String> set, String value) {
		if (value != null) {
			set.add(value);
		}
	}

	/**
	 * The values other accounts hold and those earlier lines of the batch took, checked
	 * in the order the admin API checks a new user's: username, mobile, email, then
	 * identities and partner mappings.
	 */
	private static final class Claims {

		final Set<String> externalIds;

		final Set<String> mobiles;

		final Set<String> emails;

		final Set<String> usernames;

		final Set<String> identities;

		final Set<String> unions;

		final Set<String> mappings;

		Claims(Taken taken, Set<String> takenMappings, Set<String> imported) {
			this.externalIds = new HashSet<>(imported);
			this.mobiles = new HashSet<>(taken.mobiles());
			this.emails = new HashSet<>(taken.emails());
			this.usernames = new HashSet<>(taken.usernames());
			this.identities = new HashSet<>(taken.identities());
			this.unions = new HashSet<>(taken.unionIds());
			this.mappings = new HashSet<>(takenMappings);
		}

		Rejection check(ImportLines.Parsed line, Map<String, Long> tenantIds) {
			ImportedAccount account = line.account();
			for (String key : line.tenants().keySet()) {
				if (!tenantIds.containsKey(key)) {
					return new Rejection(line.line(), line.externalId(), ErrorCode.INVALID_REQUEST,
							"tenants: no tenant has the tenantKey " + key);
				}
			}
			if (account.username() != null && this.usernames.contains(account.username())) {
				return new Rejection(line.line(), line.externalId(), ErrorCode.USERNAME_IN_USE, null);
			}
			if (account.mobile() != null && this.mobiles.contains(account.mobile())) {
				return new Rejection(line.line(), line.externalId(), ErrorCode.MOBILE_IN_USE, null);
			}
			if (account.email() != null && this.emails.contains(account.email())) {
				return new Rejection(line.line(), line.externalId(), ErrorCode.EMAIL_IN_USE, null);
			}
			for (ImportedIdentity identity : account.identities()) {
				if (this.identities.contains(identity.key())
						|| (identity.unionId() != null && this.unions.contains(identity.unionId()))) {
					return new Rejection(line.line(), line.externalId(), ErrorCode.IDENTITY_BOUND, null);
				}
			}
			for (Map.Entry<String, String> tenant : line.tenants().entrySet()) {
				if (this.mappings.contains(tenantIds.get(tenant.getKey()) + ":" + tenant.getValue())) {
					return new Rejection(line.line(), line.externalId(), ErrorCode.IDENTITY_BOUND, null);
				}
			}
			return null;
		}

		void claim(ImportLines.Parsed line, Map<String, Long> tenantIds) {
			ImportedAccount account = line.account();
			addIfPresent(this.usernames, account.username());
			addIfPresent(this.mobiles, account.mobile());
			addIfPresent(this.emails, account.email());
			for (ImportedIdentity identity : account.identities()) {
				this.identities.add(identity.key());
				addIfPresent(this.unions, identity.unionId());
			}
			line.tenants().forEach((key, associatedId) -> this.mappings.add(tenantIds.get(key) + ":" + associatedId));
		}

	}

	/**
	 * What became of one batch, applied to the tally only once its transaction is over.
	 */
	private static final class Outcome {

		int imported;

		int skipped;

		final List<Rejection> rejections = new ArrayList<>();

		void add(Outcome other) {
			this.imported += other.imported;
			this.skipped += other.skipped;
			this.rejections.addAll(other.rejections);
		}

	}

	/** A line that changed nothing, and why; a null message is the code's own. */
	private record Rejection(int line, String externalId, ErrorCode code, String message) {
	}

	/** The counts and the first rejections of one import. */
	private static final class Tally {

		private final MessageSource messages;

		private final Locale locale;

		int lines;

		long imported;

		long skipped;

		long rejectedCount;

		boolean complete;

		final List<ImportResult.Rejected> rejected = new ArrayList<>();

		private final List<Rejection> pending = new ArrayList<>();

		Tally(MessageSource messages, Locale locale) {
			this.messages = messages;
			this.locale = locale;
		}

		void reject(int line, String externalId, ErrorCode code, String message) {
			this.pending.add(new Rejection(line, externalId, code, message));
		}

		void add(Outcome outcome) {
			this.imported += outcome.imported;
			this.skipped += outcome.skipped;
			this.pending.addAll(outcome.rejections);
			flush();
		}

		/** Lists the rejections so far in line order. */
		private void flush() {
			this.pending.sort(Comparator.comparingInt(Rejection::line));
			for (Rejection rejection : this.pending) {
				this.rejectedCount++;
				if (this.rejected.size() < MAX_LISTED_REJECTIONS) {
					String message = (rejection.message() != null) ? rejection.message() : this.messages
						.getMessage(rejection.code().messageKey(), null, rejection.code().name(), this.locale);
					this.rejected.add(new ImportResult.Rejected(rejection.line(), rejection.externalId(),
							rejection.code().code(), message));
				}
			}
			this.pending.clear();
		}

		ImportResult result() {
			flush();
			return new ImportResult(this.imported, this.skipped, this.rejected, this.rejectedCount);
		}

	}

	/** A failure to read the body, through a transaction callback. */
	private static final class UncheckedBodyFailure extends RuntimeException {

		UncheckedBodyFailure(IOException cause) {
			super(cause);
		}

		@Override
		public synchronized IOException getCause() {
			return (IOException) super.getCause();
		}

	}

}
