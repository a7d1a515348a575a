/**
 * Bean Validation rules for input (plain text, image addresses, birthdays) and birthday
 * dates; depends on nothing else of the service.
 */
@NamedInterface("validation")
package com.usercenter.core.validation;

import org.springframework.modulith.NamedInterface;
