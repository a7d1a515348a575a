package com.usercenter.user;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter(autoApply = true)
class UserStatusConverter implements AttributeConverter<UserStatus, String> {

	@Override
	public String convertToDatabaseColumn(UserStatus status) {
		return (status != null) ? status.value() : null;
	}

	@Override
	public UserStatus convertToEntityAttribute(String value) {
		return (value != null) ? UserStatus.of(value) : null;
	}

}
