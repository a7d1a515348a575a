package com.usercenter.events;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.usercenter.audit.AuditService;
import com.usercenter.audit.AuditType;
import com.usercenter.core.ApiException;
import com.usercenter.core.CurrentUser;
import com.usercenter.core.ErrorCode;
import com.usercenter.secrets.SecretBox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Webhook subscriptions for administrators: made, changed, deleted and re-keyed, each
 * change audited. A secret is shown once, when made; afterwards only its seal is kept. A
 * rotation keeps the replaced secret signing beside the new one for
 * {@code usercenter.webhooks.rotation-overlap} (24 h), so a subscriber can switch without
 * losing a delivery. The Kafka producer's internal subscription is none of the admin's:
 * never listed, never changed here.
 */
@Service
class Subscriptions {

	static final String SECRET_PURPOSE = "webhook-secret";

	private final JdbcClient jdbc;

	private final SecretBox box;

	private final AuditService audit;

	private final WebhookSettings settings;

	private final Clock clock;

	Subscriptions(JdbcClient jdbc, SecretBox box, AuditService audit, WebhookSettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.box = box;
		this.audit = audit;
		this.settings = settings;
		this.clock = clock;
	}

	@Transactional
	WebhookSecret create(CurrentUser admin, String url, List<String> events, String tenantKey, String description) {
		checkUrl(url);
		String[] wanted = checkEvents(events);
		Long tenantId = null;
		if (tenantKey != null) {
			tenantId = this.jdbc.sql("select id from tenant where tenant_key = :key")
				.param("key", tenantKey)
				.query(Long.class)
				.optional()
				.orElseThrow(() -> ApiException.invalid("tenantKey", "no tenant has this key"));
		}
		byte[] key = Signatures.newKey();
		Timestamp now = Timestamp.from(this.clock.instant());
		long id = this.jdbc.sql("""
				insert into webhook_subscription
				  (kind, url, events, tenant_id, description, status, secret_sealed, created_at, updated_at)
				values ('webhook', :url, cast(:events as text[]), :tenant, :description, 'active', :secret, :now, :now)
				returning id""")
			.param("url", url)
			.param("events", arrayLiteral(wanted))
			.param("tenant", tenantId)
			.param("description", description)
			.param("secret", this.box.seal(SECRET_PURPOSE, key))
			.param("now", now)
			.query(Long.class)
			.single();
		this.audit.record(AuditType.ADMIN_WEBHOOK_CHANGE, null, tenantKey, "webhook " + id + " created by admin "
				+ admin.userId() + " for " + hostOf(url) + ", events " + String.join(",", wanted));
		return new WebhookSecret(id, Signatures.secret(key));
	}

	@Transactional(readOnly = true)
	List<SubscriptionView> list() {
		long now = this.clock.millis();
		return this.jdbc.sql("select " + SubscriptionView.COLUMNS + """

				from webhook_subscription s left join tenant t on t.id = s.tenant_id
				where s.kind = 'webhook' order by s.id""").query((rs, row) -> SubscriptionView.read(rs, now)).list();
	}

	@Transactional(readOnly = true)
	SubscriptionView get(long id) {
		long now = this.clock.millis();
		return this.jdbc.sql("select " + SubscriptionView.COLUMNS + """

				from webhook_subscription s left join tenant t on t.id = s.tenant_id
				where s.kind = 'webhook' and s.id = :id""")
			.param("id", id)
			.query((rs, row) -> SubscriptionView.read(rs, now))
			.optional()
			.orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND));
	}

	/** Sets what is given (null leaves a field as it is) in one statement. */
	@Transactional
	SubscriptionView change(CurrentUser admin, long id, String url, List<String> events, String status,
			String description) {
		if (url != null) {
			checkUrl(url);
		}
		String[] wanted = (events != null) ? checkEvents(events) : null;
		int changed = this.jdbc.sql("""
				update webhook_subscription set
				  url = coalesce(:url, url),
				  events = coalesce(cast(:events as text[]), events),
				  status = coalesce(:status, status),
				  description = coalesce(:description, description),
				  updated_at = :now
				where id = :id and kind = 'webhook'""")
			.param("url", url)
			.param("events", (wanted != null) ? arrayLiteral(wanted) : null)
			.param("status", status)
			.param("description", description)
			.param("now", Timestamp.from(this.clock.instant()))
			.param("id", id)
			.update();
		if (changed == 0) {
			throw new ApiException(ErrorCode.NOT_FOUND);
		}
		SubscriptionView view = get(id);
		List<String> what = new ArrayList<>();
		if (url != null) {
			what.add("target " + hostOf(url));
		}
		if (wanted != null) {
			what.add("events " + String.join(",", wanted));
		}
		if (status != null) {
			what.add("status " + status);
		}
		if (description != null) {
			what.add("description");
		}
		this.audit.record(AuditType.ADMIN_WEBHOOK_CHANGE, null, view.tenantKey(),
				"webhook " + id + " changed by admin " + admin.userId() + ": " + String.join(", ", what));
		return view;
	}

	/** Deletes the subscription and its deliveries, done or not. */
	@Transactional
	void delete(CurrentUser admin, long id) {
		SubscriptionView view = get(id);
		this.jdbc.sql("delete from webhook_subscription where id = :id and kind = 'webhook'").param("id", id).update();
		this.audit.record(AuditType.ADMIN_WEBHOOK_CHANGE, null, view.tenantKey(),
				"webhook " + id + " deleted by admin " + admin.userId());
	}

	/**
	 * A new secret; the one it replaces signs beside it until the overlap ends (a secret
	 * replaced earlier, still in its overlap, stops at once).
	 */
	@Transactional
	WebhookSecret rotate(CurrentUser admin, long id) {
		byte[] key = Signatures.newKey();
		Instant now = this.clock.instant();
		int changed = this.jdbc.sql("""
				update webhook_subscription set
				  previous_secret_sealed = secret_sealed, previous_secret_until = :until,
				  secret_sealed = :secret, updated_at = :now
				where id = :id and kind = 'webhook'""")
			.param("until", Timestamp.from(now.plus(this.settings.rotationOverlap())))
			.param("secret", this.box.seal(SECRET_PURPOSE, key))
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update();
		if (changed == 0) {
			throw new ApiException(ErrorCode.NOT_FOUND);
		}
		this.audit.record(AuditType.ADMIN_WEBHOOK_CHANGE, null, get(id).tenantKey(),
				"webhook " + id + " secret rotated by admin " + admin.userId() + ", the old one signs for "
						+ this.settings.rotationOverlap());
		return new WebhookSecret(id, Signatures.secret(key));
	}

	/**
	 * The keys that sign a delivery now: the secret, and the replaced one in its overlap.
	 */
	List<byte[]> signingKeys(byte[] sealed, byte[] previousSealed, Timestamp previousUntil) {
		List<byte[]> keys = new ArrayList<>(2);
		keys.add(this.box.open(SECRET_PURPOSE, sealed));
		if (previousSealed != null && previousUntil != null
				&& previousUntil.toInstant().isAfter(this.clock.instant())) {
			keys.add(this.box.open(SECRET_PURPOSE, previousSealed));
		}
		return keys;
	}

	private void checkUrl(String url) {
		String why = Targets.refusal(url, this.settings.allowInsecureTargets());
		if (why != null) {
			throw ApiException.invalid("url", why);
		}
	}

	/** The wire names, each once; {@code *} alone when it is among them. */
	private static String[] checkEvents(List<String> events) {
		Set<String> wanted = new LinkedHashSet<>();
		for (String event : events) {
			if (event == null || (!"*".equals(event) && EventType.of(event) == null)) {
				throw ApiException.invalid("events", "unknown event type " + event + ": use the names of contract "
						+ "9.1 (user.created, user.erased, ...) or *");
			}
			wanted.add(event);
		}
		return wanted.contains("*") ? new String[] { "*" } : wanted.toArray(String[]::new);
	}

	/** A PostgreSQL array literal of wire names (which hold no quote or backslash). */
	private static String arrayLiteral(String[] names) {
		return "{" + String.join(",", java.util.Arrays.stream(names).map((name) -> '"' + name + '"').toList()) + "}";
	}

	private static String hostOf(String url) {
		return URI.create(url).getRawAuthority();
	}

}
