package com.usercenter.user;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One person's account. State changes go through intent-named methods that keep it
 * consistent.
 */
@Entity
@Table(name = "app_user")
public class User {

	public static final String ROLE_USER = "USER";

	public static final String ROLE_ADMIN = "ADMIN";

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String nickname;

	private String avatar;

	private String background;

	private short sex;

	private LocalDate birthday;

	private Short height;

	private Short waist;

	@Column(precision = 4, scale = 1)
	private BigDecimal weight;

	private String signature;

	private String address;

	private Long communityId;

	private String mobile;

	private boolean mobileVerified;

	private String email;

	private boolean emailVerified;

	private String username;

	private String passwordHash;

	private UserStatus status = UserStatus.ACTIVE;

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(columnDefinition = "text[]")
	private String[] roles = { ROLE_USER };

	private Instant createdAt;

	private Instant updatedAt;

	@Version
	private long version;

	protected User() {
	}

	User(Instant now) {
		this.createdAt = now;
		this.updatedAt = now;
	}

	/** Fills the profile fields a partner or a sign-up may set on a new account. */
	void initialize(BasicDetails details) {
		applyBasics(details);
	}

	/**
	 * Sets the given fields, leaving null ones as they are.
	 * @return whether any stored value changed
	 */
	public boolean applyBasics(BasicDetails details) {
		boolean changed = false;
		if (details.nickname() != null && !details.nickname().equals(this.nickname)) {
			this.nickname = details.nickname();
			changed = true;
		}
		if (details.avatar() != null && !details.avatar().equals(this.avatar)) {
			this.avatar = details.avatar();
			changed = true;
		}
		if (details.sex() != null && details.sex() != this.sex) {
			this.sex = details.sex().shortValue();
			changed = true;
		}
		if (details.birthday() != null && !details.birthday().equals(this.birthday)) {
			this.birthday = details.birthday();
			changed = true;
		}
		if (details.height() != null && !Objects.equals(details.height().shortValue(), this.height)) {
			this.height = details.height().shortValue();
			changed = true;
		}
		if (details.waist() != null && !Objects.equals(details.waist().shortValue(), this.waist)) {
			this.waist = details.waist().shortValue();
			changed = true;
		}
		return changed;
	}

	/** Applies a partial update: absent fields stay, present ones are set or cleared. */
	void applyProfile(ProfileUpdate update) {
		if (update.nickname().present()) {
			this.nickname = update.nickname().value();
		}
		if (update.avatar().present()) {
			this.avatar = update.avatar().value();
		}
		if (update.background().present()) {
			this.background = update.background().value();
		}
		if (update.sex().present()) {
			this.sex = (update.sex().value() != null) ? update.sex().value().shortValue() : 0;
		}
		if (update.birthday().present()) {
			this.birthday = update.birthday().value();
		}
		if (update.height().present()) {
			this.height = toShort(update.height().value());
		}
		if (update.waist().present()) {
			this.waist = toShort(update.waist().value());
		}
		if (update.weight().present()) {
			this.weight = update.weight().value();
		}
		if (update.signature().present()) {
			this.signature = update.signature().value();
		}
		if (update.address().present()) {
			this.address = update.address().value();
		}
		if (update.communityId().present()) {
			this.communityId = update.communityId().value();
		}
	}

	private static Short toShort(Integer value) {
		return (value != null) ? value.shortValue() : null;
	}

	/**
	 * Sets the mobile; {@code proven} when its owner just proved it with a code, not when
	 * a partner or an admin says so.
	 */
	void changeMobile(PhoneNumber mobile, boolean proven) {
		this.mobile = (mobile != null) ? mobile.e164() : null;
		this.mobileVerified = mobile != null && proven;
	}

	void changeEmail(Email email, boolean proven) {
		this.email = (email != null) ? email.value() : null;
		this.emailVerified = email != null && proven;
	}

	/**
	 * Whether this account holds the mobile or email (E.164 or lower-case) as proven by
	 * its owner. Only then may a code sent there sign in to it or reset it.
	 */
	public boolean holdsVerified(String contact) {
		return (contact.equals(this.mobile) && this.mobileVerified)
				|| (contact.equals(this.email) && this.emailVerified);
	}

	public boolean isMobileVerified() {
		return this.mobileVerified;
	}

	public boolean isEmailVerified() {
		return this.emailVerified;
	}

	void changeUsername(String username) {
		this.username = username;
	}

	void changePasswordHash(String passwordHash) {
		this.passwordHash = passwordHash;
	}

	void changeStatus(UserStatus status) {
		this.status = status;
	}

	void replaceRoles(Set<String> roles) {
		Set<String> set = new LinkedHashSet<>(roles);
		set.add(ROLE_USER);
		this.roles = set.toArray(String[]::new);
	}

	void grant(String role) {
		Set<String> set = roles();
		set.add(role);
		this.roles = set.toArray(String[]::new);
	}

	void touch(Instant now) {
		this.updatedAt = now;
	}

	public boolean isActive() {
		return this.status == UserStatus.ACTIVE;
	}

	public boolean hasPassword() {
		return this.passwordHash != null;
	}

	public Set<String> roles() {
		return new LinkedHashSet<>(Arrays.asList(this.roles));
	}

	public Long getId() {
		return this.id;
	}

	public String getNickname() {
		return this.nickname;
	}

	public String getAvatar() {
		return this.avatar;
	}

	public String getBackground() {
		return this.background;
	}

	public int getSex() {
		return this.sex;
	}

	public LocalDate getBirthday() {
		return this.birthday;
	}

	public Integer getHeight() {
		return (this.height != null) ? this.height.intValue() : null;
	}

	public Integer getWaist() {
		return (this.waist != null) ? this.waist.intValue() : null;
	}

	public BigDecimal getWeight() {
		return this.weight;
	}

	public String getSignature() {
		return this.signature;
	}

	public String getAddress() {
		return this.address;
	}

	public Long getCommunityId() {
		return this.communityId;
	}

	public String getMobile() {
		return this.mobile;
	}

	public String getEmail() {
		return this.email;
	}

	public String getUsername() {
		return this.username;
	}

	public String getPasswordHash() {
		return this.passwordHash;
	}

	public UserStatus getStatus() {
		return this.status;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

}
