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
import jakarta.persistence.EntityListeners;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One person's account. State changes go through intent-named methods that keep it
 * consistent; other features see it as a {@link UserView}, without its password hash.
 */
@Entity
@EntityListeners(UserChanges.class)
@Table(name = "app_user")
class User {

	static final String ROLE_USER = "USER";

	static final String ROLE_ADMIN = "ADMIN";

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

	private Instant deletionRequestedAt;

	private Instant eraseAt;

	/**
	 * The partner whose sign-in proved the pending deletion (of an account with neither a
	 * password nor a contact), or null when the owner's own proof did.
	 */
	private Long deletionTenantId;

	@Version
	private long version;

	protected User() {
	}

	User(Instant now) {
		this.createdAt = now;
		this.updatedAt = now;
	}

	/**
	 * Applies a partial update: absent fields stay, present ones are set or cleared.
	 * @return the names of the fields whose stored value changed, as the API names them
	 * ({@code nickname}, {@code communityId}), in the order of the profile; empty when
	 * none did
	 */
	Set<String> applyProfile(ProfileUpdate update) {
		Set<String> changed = new LinkedHashSet<>();
		if (ProfileUpdate.differs(update.nickname(), this.nickname)) {
			this.nickname = update.nickname().value();
			changed.add("nickname");
		}
		if (ProfileUpdate.differs(update.avatar(), this.avatar)) {
			this.avatar = update.avatar().value();
			changed.add("avatar");
		}
		if (ProfileUpdate.differs(update.background(), this.background)) {
			this.background = update.background().value();
			changed.add("background");
		}
		if (ProfileUpdate.differs(update.sex(), (int) this.sex)) {
			this.sex = (update.sex().value() != null) ? update.sex().value().shortValue() : 0;
			changed.add("sex");
		}
		if (ProfileUpdate.differs(update.birthday(), this.birthday)) {
			this.birthday = update.birthday().value();
			changed.add("birthday");
		}
		if (ProfileUpdate.differs(update.height(), toInteger(this.height))) {
			this.height = toShort(update.height().value());
			changed.add("height");
		}
		if (ProfileUpdate.differs(update.waist(), toInteger(this.waist))) {
			this.waist = toShort(update.waist().value());
			changed.add("waist");
		}
		if (update.weight().present() && !sameNumber(update.weight().value(), this.weight)) {
			this.weight = update.weight().value();
			changed.add("weight");
		}
		if (ProfileUpdate.differs(update.signature(), this.signature)) {
			this.signature = update.signature().value();
			changed.add("signature");
		}
		if (ProfileUpdate.differs(update.address(), this.address)) {
			this.address = update.address().value();
			changed.add("address");
		}
		if (ProfileUpdate.differs(update.communityId(), this.communityId)) {
			this.communityId = update.communityId().value();
			changed.add("communityId");
		}
		return changed;
	}

	private static boolean sameNumber(BigDecimal a, BigDecimal b) {
		return (a == null) ? b == null : b != null && a.compareTo(b) == 0;
	}

	private static Integer toInteger(Short value) {
		return (value != null) ? Integer.valueOf(value) : null;
	}

	private static Short toShort(Integer value) {
		return (value != null) ? value.shortValue() : null;
	}

	/**
	 * Sets the mobile or the email; {@code proven} when its owner just proved it with a
	 * code, not when a partner or an admin says so.
	 * @return whether the stored contact or its proof changed
	 */
	boolean changeContact(Contact contact, boolean proven) {
		if (contact instanceof PhoneNumber mobile) {
			boolean changed = !mobile.e164().equals(this.mobile) || this.mobileVerified != proven;
			this.mobile = mobile.e164();
			this.mobileVerified = proven;
			return changed;
		}
		boolean changed = !contact.value().equals(this.email) || this.emailVerified != proven;
		this.email = contact.value();
		this.emailVerified = proven;
		return changed;
	}

	/** Removes the mobile or the email, whichever this contact is. */
	void removeContact(Contact contact) {
		if (contact instanceof PhoneNumber) {
			this.mobile = null;
			this.mobileVerified = false;
		}
		else {
			this.email = null;
			this.emailVerified = false;
		}
	}

	/**
	 * The owner asked to delete the account; it is erased at {@code eraseAt}.
	 * {@code byTenant}: the partner whose sign-in was the proof, or null.
	 */
	void requestDeletion(Instant now, Instant eraseAt, Long byTenant) {
		if (this.eraseAt == null) {
			this.deletionRequestedAt = now;
			this.eraseAt = eraseAt;
			this.deletionTenantId = byTenant;
		}
	}

	void cancelDeletion() {
		this.deletionRequestedAt = null;
		this.eraseAt = null;
		this.deletionTenantId = null;
	}

	/** Everything about the person goes; the id stays, so nothing else takes it. */
	void erase() {
		this.nickname = null;
		this.avatar = null;
		this.background = null;
		this.sex = 0;
		this.birthday = null;
		this.height = null;
		this.waist = null;
		this.weight = null;
		this.signature = null;
		this.address = null;
		this.communityId = null;
		this.mobile = null;
		this.mobileVerified = false;
		this.email = null;
		this.emailVerified = false;
		this.username = null;
		this.passwordHash = null;
		this.roles = new String[] { ROLE_USER };
		this.status = UserStatus.ERASED;
		this.deletionRequestedAt = null;
		this.eraseAt = null;
		this.deletionTenantId = null;
	}

	/** When the account is erased, while its deletion is pending; null otherwise. */
	public Instant getEraseAt() {
		return this.eraseAt;
	}

	public boolean isErased() {
		return this.status == UserStatus.ERASED;
	}

	void changeUsername(String username) {
		this.username = username;
	}

	void changePasswordHash(String passwordHash) {
		this.passwordHash = passwordHash;
	}

	/** Sets the status, answering whether it changed. */
	boolean changeStatus(UserStatus status) {
		boolean changed = this.status != status;
		this.status = status;
		return changed;
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

	/** What other features may see of the account: everything but the password hash. */
	UserView view() {
		UserView.PendingDeletion deletion = (this.eraseAt != null)
				? new UserView.PendingDeletion(this.deletionRequestedAt, this.eraseAt, this.deletionTenantId) : null;
		return new UserView(this.id, this.status, roles(), this.username, hasPassword(), this.mobile,
				this.mobileVerified, this.email, this.emailVerified,
				new UserView.Details(this.nickname, this.avatar, this.background, this.sex, this.birthday,
						toInteger(this.height), toInteger(this.waist), this.weight, this.signature, this.address,
						this.communityId),
				deletion, this.createdAt);
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

	public String getAvatar() {
		return this.avatar;
	}

	public String getBackground() {
		return this.background;
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

}
