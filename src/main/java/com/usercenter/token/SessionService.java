package com.usercenter.token;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.usercenter.audit.AuditService;
import com.usercenter.audit.AuditType;
import com.usercenter.core.ApiException;
import com.usercenter.core.ClientIp;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.PlainText;
import com.usercenter.core.Digests;

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
	 * one; the session's earlier tokens keep working.
	 */
	@Transactional
	public Optional<IssuedTokens> resumeTenantSession(long userId, long tenantId) {
		Instant now = this.clock.instant();
		return this.sessions
			.findFirstByUserIdAndTenantIdAndRevokedAtIsNullAndExpiresAtAfterOrderByCreatedAtDesc(userId, tenantId, now)
			.map((session) -> {
				session.extendUntil(now.plus(this.settings.refreshTokenTtl()));
				return tokensFor(session, now);
			});
	}

	@Transactional
	public int revokeTenantSessions(long userId, long tenantId) {
		this.live.forget(userId);
		return this.sessions.revokeTenantSessions(userId, tenantId, this.clock.instant());
	}

	@Transactional(noRollbackFor = RefreshTokenRejected.class)
	public IssuedTokens refresh(String refreshToken) {
		Instant now = this.clock.instant();
		RefreshToken presented = this.refreshTokens.findByTokenHash(hash(refreshToken))
			.orElseThrow(RefreshTokenRejected::new);
		UserSession session = this.sessions.findById(presented.getSessionId()).orElseThrow(RefreshTokenRejected::new);
		if (presented.isRotated()) {
			if (session.isLive(now)) {
				session.revoke(now);
				this.sessions.save(session);
				this.live.forget(session.getUserId());
				this.audit.record(AuditType.REFRESH_TOKEN_REUSED, session.getUserId(), session.getTenantKey(),
						"session " + session.getId() + " revoked");
			}
			throw new RefreshTokenRejected();
		}
		if (presented.isExpired(now) || !session.isLive(now)) {
			throw new RefreshTokenRejected();
		}
		presented.markRotated(now);
		this.refreshTokens.save(presented);
		session.extendUntil(now.plus(this.settings.refreshTokenTtl()));
		session.refreshed(now, ClientIp.current(), userAgent());
		return tokensFor(session, now);
	}

	@Transactional
	public void revoke(UUID sessionId) {
		this.sessions.findById(sessionId).ifPresent((session) -> {
			session.revoke(this.clock.instant());
			this.sessions.save(session);
			this.live.forget(session.getUserId());
		});
	}

	/** Ends every session of the user (password reset, account disabled). */
	@Transactional
	public int revokeAll(long userId) {
		this.live.forget(userId);
		return this.sessions.revokeAll(userId, this.clock.instant());
	}

	/**
	 * Ends every session of the user but the one making the request (password change).
	 */
	@Transactional
	public int revokeAllExcept(long userId, UUID keep) {
		this.live.forget(userId);
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
		session.revoke(now);
		this.sessions.save(session);
		this.live.forget(userId);
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
	 * Whether the session is live now: from {@link LiveSessions} while its channel is up,
	 * else one statement in the database.
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public boolean isLive(UUID sessionId, long userId) {
		return this.live.isLive(sessionId, userId,
				() -> this.sessions.existsByIdAndRevokedAtIsNullAndExpiresAtAfter(sessionId, this.clock.instant()));
	}

	private IssuedTokens tokensFor(UserSession session, Instant now) {
		String refresh = Digests.randomToken(32);
		this.refreshTokens
			.save(new RefreshToken(hash(refresh), session.getId(), now.plus(this.settings.refreshTokenTtl())));
		String access = this.accessTokens.issue(session.getId(), session.getUserId(), session.roles(),
				session.getTenantKey(), now);
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
