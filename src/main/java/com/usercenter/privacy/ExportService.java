package com.usercenter.privacy;

import java.util.LinkedHashMap;
import java.util.Map;

import com.usercenter.audit.AuditService;
import com.usercenter.mfa.SecondFactors;
import com.usercenter.profile.DeviceService;
import com.usercenter.profile.ProfileService;
import com.usercenter.tenant.TenantService;
import com.usercenter.token.SessionService;
import com.usercenter.user.IdentityService;
import com.usercenter.user.UserView;
import com.usercenter.user.Users;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything stored about the caller, as one document (PIPL article 45): the profile with
 * its contacts and hobbies, every way to sign in with subjects in full, partner mappings,
 * devices, sessions and the audit events about the account. Nothing about other users,
 * and no secret: no password hash, no token, no sealed provider token.
 */
@Service
class ExportService {

	/** Audit events in one export, newest first. */
	static final int MAX_EVENTS = 10_000;

	private final Users users;

	private final ProfileService profiles;

	private final IdentityService identities;

	private final TenantService tenants;

	private final DeviceService devices;

	private final SessionService sessions;

	private final SecondFactors secondFactors;

	private final AuditService audit;

	ExportService(Users users, ProfileService profiles, IdentityService identities, TenantService tenants,
			DeviceService devices, SessionService sessions, AuditService audit, SecondFactors secondFactors) {
		this.secondFactors = secondFactors;
		this.users = users;
		this.profiles = profiles;
		this.identities = identities;
		this.tenants = tenants;
		this.devices = devices;
		this.sessions = sessions;
		this.audit = audit;
	}

	@Transactional(readOnly = true)
	Map<String, Object> export(long userId) {
		UserView user = this.users.get(userId);
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("profile", this.profiles.ownProfile(user));
		document.put("status", user.status().value());
		document.put("roles", user.roles());
		document.put("identities",
				this.identities.of(userId)
					.stream()
					.map((identity) -> identity(identity.provider(), identity.subject(), identity.unionId(),
							identity.email(), identity.createdAt().toEpochMilli()))
					.toList());
		document.put("partners",
				this.tenants.identitiesOf(userId)
					.stream()
					.map((tenant) -> Map.of("tenantKey", tenant.tenantKey(), "associatedId", tenant.associatedId(),
							"boundAt", tenant.boundAt().toEpochMilli()))
					.toList());
		document.put("devices", this.devices.devicesOf(userId));
		document.put("sessions", this.sessions.sessionsOf(userId));
		document.put("secondFactors", this.secondFactors.status(userId));
		document.put("auditEvents", this.audit.about(userId, MAX_EVENTS));
		return document;
	}

	private static Map<String, Object> identity(String provider, String subject, String unionId, String email,
			long boundAt) {
		Map<String, Object> identity = new LinkedHashMap<>();
		identity.put("provider", provider);
		identity.put("subject", subject);
		identity.put("unionId", unionId);
		identity.put("email", email);
		identity.put("boundAt", boundAt);
		return identity;
	}

}
