package com.usercenter.binding;

import java.util.ArrayList;
import java.util.List;

import com.usercenter.tenant.TenantService;
import com.usercenter.user.Email;
import com.usercenter.user.IdentityService;
import com.usercenter.user.PhoneNumber;
import com.usercenter.user.UserView;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The list of a user's ways to sign in, built once for the user's own view and for ops:
 * contacts masked by their value objects, provider and partner ids by
 * {@link SignInMethod#mask}; ops may reveal them (which they audit).
 */
@Service
public class SignInMethods {

	private final IdentityService identities;

	private final TenantService tenants;

	SignInMethods(IdentityService identities, TenantService tenants) {
		this.identities = identities;
		this.tenants = tenants;
	}

	@Transactional(readOnly = true)
	public List<SignInMethod> of(UserView user, boolean reveal) {
		List<SignInMethod> methods = new ArrayList<>();
		if (user.mobile() != null) {
			methods.add(
					new SignInMethod("mobile", reveal ? user.mobile() : new PhoneNumber(user.mobile()).masked(), null));
		}
		if (user.email() != null) {
			methods.add(new SignInMethod("email", reveal ? user.email() : new Email(user.email()).masked(), null));
		}
		this.identities.of(user.id())
			.forEach((identity) -> methods.add(new SignInMethod(identity.provider(),
					reveal ? identity.subject() : SignInMethod.mask(identity.subject()),
					identity.createdAt().toEpochMilli())));
		this.tenants.identitiesOf(user.id())
			.forEach((tenant) -> methods.add(new SignInMethod("tenant",
					tenant.tenantKey() + ":"
							+ (reveal ? tenant.associatedId() : SignInMethod.mask(tenant.associatedId())),
					tenant.boundAt().toEpochMilli())));
		return methods;
	}

}
