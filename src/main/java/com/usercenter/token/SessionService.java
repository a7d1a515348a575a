package com.usercenter.token;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.usercenter.audit.AuditService;
import com.usercenter.audit.AuditType;
import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.validation.PlainText;
import com.usercenter.core.web.ClientIp;
import com.usercenter.secrets.Digests;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts, resumes, refreshes and revokes sessions, and hands out their tokens. Refresh
 * tokens rotate on every use; presenting a rotated one revokes its session, since only a
 * copy could be presented twice.
 */
@Service
public class SessionService {

	private final SessionRepository sessions;

	private final RefreshTokenRepository refreshTokens;

	private final AccessTokens accessTokens;

	private final TokenSettings settings;

	private final AuditService audit;

	private final Clock clock;

	private final JdbcClient jdbc;

	private final LiveSessions live;

	SessionService(SessionRepository sessions, RefreshTokenRepository refreshTokens, AccessTokens accessTokens,
			TokenSettings settings, AuditService audit, Clock clock, JdbcClient jdbc, LiveSessions live) {
		this.jdbc = jdbc;
		this.live = live;
		this.sessions = sessions;
		this.refreshTokens = refreshTokens;
		this.accessTokens = accessTokens;
		this.settings = settings;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional
	public IssuedTokens start(SessionRequest request) {
		Instant now = this.clock.instant();
		UserSession started = new UserSession(request, now, now.plus(this.settings.refreshTokenTtl()));
		started.seenFrom(ClientIp.current(), userAgent());
		UserSession session = this.sessions.save(started);
		return tokensFor(session, now);
	}

	/**
	 * New tokens for the newest live session this tenant made for the user, if there is
	 * one; the session's earlier tokens keep working. A session revoked after it was
	 * found is not extended (one statement decides), and none is then resumed.
	 */
	@Transactional
	public Optional<IssuedTokens> resumeTenantSession(long userId, long tenantId) {
		Instant now = this.clock.instant();
		return this.sessions
			.findFirstByUserIdAndTenantIdAndRevokedAtIsNullAndExpiresAtAfterOrderByCreatedAtDesc(userId, tenantId, now)
			.filter((session) -> extendLive(session.getId(), now, false))
			.map((session) -> tokensFor(session, now));
	}

	@Transactional
	public int revokeTenantSessions(long userId, long tenantId) {
		this.live.ending();
		return this.sessions.revokeTenantSessions(userId, tenantId, this.clock.instant());
	}

	/**
	 * New tokens for the refresh token's session. The session is extended by one
	 * statement that also requires it live and its user and tenant active, so a
	 * revocation or a disable committed after anything here was read still wins: the
	 * statement waits for the revoking transaction's row lock and then finds the row
	 * revoked.
	 */
	@Transactional(noRollbackFor = RefreshTokenRejected.class)
	public IssuedTokens refresh(String refreshToken) {
		Instant now = this.clock.instant();
		// locked: two uses of one refresh token are decided one after the other
		RefreshToken presented = this.refreshTokens.findByTokenHash(hash(refreshToken))
			.orElseThrow(RefreshTokenRejected::new);
		if (presented.isRotated()) {
			// only a copy could be presented twice: end its session
			this.sessions.findById(presented.getSessionId()).ifPresent((session) -> {
				if (this.sessions.revoke(session.getId(), now) > 0) {
					this.live.ending();
					this.audit.record(AuditType.REFRESH_TOKEN_REUSED, session.getUserId(), session.getTenantKey(),
							"session " + session.getId() + " revoked");
				}
			});
			throw new RefreshTokenRejected();
		}
		if (presented.isExpired(now) || !extendLive(presented.getSessionId(), now, true)) {
			throw new RefreshTokenRejected();
		}
		presented.markRotated(now);
		this.refreshTokens.save(presented);
		UserSession session = this.sessions.findById(presented.getSessionId()).orElseThrow(RefreshTokenRejected::new);
		return tokensFor(session, now);
	}

	/** Ends the session, if it is not over already. */
	@Transactional
	public void revoke(UUID sessionId) {
		this.sessions.findById(sessionId).ifPresent((session) -> {
			this.sessions.revoke(sessionId, this.clock.instant());
			this.live.ending();
		});
	}

	/**
	 * Ends every session a tenant started, for all its users (the tenant was disabled,
	 * enabled or re-keyed): no token a partner obtained survives a change of its
	 * standing.
	 * @return how many sessions ended
	 */
	@Transactional
	public int revokeAllOfTenant(long tenantId) {
		List<Long> users = this.jdbc.sql("""
				update user_session set revoked_at = :now where tenant_id = :tenant and revoked_at is null
				returning user_id""")
			.param("now", java.sql.Timestamp.from(this.clock.instant()))
			.param("tenant", tenantId)
			.query(Long.class)
			.list();
		this.live.ending();
		return users.size();
	}

	/**
	 * When the session was signed in, and by which tenant: a refresh or a partner's soft
	 * login that resumes it is not a new sign-in.
	 */
	@Transactional(readOnly = true)
	public Optional<SignIn> signInOf(UUID sessionId) {
		return this.sessions.findById(sessionId)
			.map((session) -> new SignIn(session.getCreatedAt(), session.getTenantId(), session.getTenantKey()));
	}

	/** Ends every session of the user (password reset, account disabled). */
	@Transactional
	public int revokeAll(long userId) {
		this.live.ending();
		return this.sessions.revokeAll(userId, this.clock.instant());
	}

	/**
	 * Ends every session of the user but the one making the request (password change).
	 */
	@Transactional
	public int revokeAllExcept(long userId, UUID keep) {
		this.live.ending();
		return this.sessions.revokeAllExcept(userId, keep, this.clock.instant());
	}

	/**
	 * Every session of the user, newest first, without any token: for the user's data
	 * export.
	 */
	/**
	 * The user's live sessions, newest first; the newest 100, however many sign-ins an
	 * attacker holding the password made.
	 */
	@Transactional(readOnly = true)
	List<SessionView> liveSessionsOf(long userId, UUID current) {
		return this.sessions
			.findFirst100ByUserIdAndRevokedAtIsNullAndExpiresAtAfterOrderByCreatedAtDesc(userId, this.clock.instant())
			.stream()
			.map((session) -> session.view(current))
			.toList();
	}

	/** Ends one of the user's live sessions; 40401 when it is not one. */
	@Transactional
	void endOwn(long userId, UUID sessionId) {
		Instant now = this.clock.instant();
		UserSession session = this.sessions.findById(sessionId)
			.filter((found) -> found.getUserId() == userId && found.isLive(now))
			.orElseThrow(() -> new ApiException(ErrorCode.USER_NOT_FOUND));
		this.sessions.revoke(sessionId, now);
		this.live.ending();
		this.audit.record(AuditType.TOKEN_REVOKED, userId, session.getTenantKey(), "session ended by its user");
	}

	@Transactional(readOnly = true)
	public List<java.util.Map<String, Object>> sessionsOf(long userId) {
		return this.jdbc.sql("""
				select id, channel, tenant_key, created_at, expires_at, revoked_at from user_session
				where user_id = :user order by created_at desc""").param("user", userId).query((rs, row) -> {
			java.util.Map<String, Object> session = new java.util.LinkedHashMap<>();
			session.put("sessionId", rs.getString("id"));
			session.put("channel", rs.getString("channel"));
			session.put("tenantKey", rs.getString("tenant_key"));
			session.put("createdAt", rs.getTimestamp("created_at").toInstant().toEpochMilli());
			session.put("expiresAt", rs.getTimestamp("expires_at").toInstant().toEpochMilli());
			java.sql.Timestamp revoked = rs.getTimestamp("revoked_at");
			session.put("revokedAt", (revoked != null) ? revoked.toInstant().toEpochMilli() : null);
			return session;
		}).list();
	}

	/**
	 * Whether the session is live now, its user active and its tenant (if any) active:
	 * from {@link LiveSessions} while its channel is up (a change of any of the three is
	 * announced there), else one statement in the database.
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public boolean isLive(UUID sessionId, long userId) {
		return this.live.isLive(sessionId, userId, () -> this.sessions.isLive(sessionId, this.clock.instant()));
	}

	/**
	 * Extends a session by one statement that holds only while it is live and its user
	 * and tenant are active; {@code seen} also records the caller's address and agent.
	 * @return whether it was extended
	 */
	private boolean extendLive(UUID sessionId, Instant now, boolean seen) {
		String set = seen ? ", last_refreshed_at = :now, ip = :ip, user_agent = :agent" : "";
		var statement = this.jdbc
			.sql("update user_session s set expires_at = greatest(s.expires_at, :until)" + set
					+ " where s.id = :id and s.revoked_at is null and s.expires_at > :now and "
					+ SessionRepository.STANDING)
			.param("until", java.sql.Timestamp.from(now.plus(this.settings.refreshTokenTtl())))
			.param("now", java.sql.Timestamp.from(now))
			.param("id", sessionId);
		if (seen) {
			statement = statement.param("ip", ClientIp.current()).param("agent", userAgent());
		}
		return statement.update() == 1;
	}

	private IssuedTokens tokensFor(UserSession session, Instant now) {
		String refresh = Digests.randomToken(32);
		this.refreshTokens
			.save(new RefreshToken(hash(refresh), session.getId(), now.plus(this.settings.refreshTokenTtl())));
		String access = this.accessTokens.issue(session.getId(), session.getUserId(), session.roles(),
				session.getTenantKey(), session.amr(), now);
		return new IssuedTokens(session.getId(), session.getUserId(), access, refresh, this.accessTokens.ttlSeconds());
	}

	/** The caller's {@code User-Agent}, as plain text of at most 256 characters. */
	private static String userAgent() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			String agent = attributes.getRequest().getHeader("User-Agent");
			if (agent != null) {
				String clean = PlainText.Validator.clean(agent).strip();
				return clean.isEmpty() ? null : clean.substring(0, Math.min(256, clean.length()));
			}
		}
		return null;
	}

	static String hash(String refreshToken) {
		return Digests.sha256Hex(refreshToken.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

}
