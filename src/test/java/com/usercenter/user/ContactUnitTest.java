package com.usercenter.user;

import com.usercenter.core.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContactUnitTest {

	@Test
	void whatAPersonTypesBecomesOneSpelling() {
		assertThat(Contact.parse("+86 138 0013 8000", "target")).isEqualTo(new PhoneNumber("+8613800138000"));
		assertThat(Contact.parse("13800138000", "target").kind()).isEqualTo("mobile");
		assertThat(Contact.parse("  Alice@Example.COM ", "target")).isEqualTo(new Email("alice@example.com"));
		assertThat(Contact.parse("alice@example.com", "target").kind()).isEqualTo("email");
	}

	@Test
	void theWrongKindNamesTheField() {
		assertThatThrownBy(() -> Contact.mobile("alice@example.com", "mobile")).isInstanceOf(ApiException.class)
			.satisfies((ex) -> assertThat(((ApiException) ex).data().toString()).contains("mobile"));
		assertThatThrownBy(() -> Contact.email("13800138000", "email")).isInstanceOf(ApiException.class);
		assertThatThrownBy(() -> Contact.parse("not a contact", "target")).isInstanceOf(ApiException.class);
		assertThatThrownBy(() -> Contact.parse(null, "target")).isInstanceOf(ApiException.class);
	}

	@Test
	void contactsAreMaskedByTheirKind() {
		assertThat(Contact.parse("13800138000", "t").masked()).isEqualTo("138****8000");
		assertThat(Contact.parse("alice@example.com", "t").masked()).isEqualTo("a***@example.com");
	}

}
