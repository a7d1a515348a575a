package com.usercenter.support;

import java.util.Comparator;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Test classes by name, so every run has the same order, except those marked
 * {@link RunsLast}, which come after all others.
 */
public class SuiteOrder implements ClassOrderer {

	@Override
	public void orderClasses(ClassOrdererContext context) {
		context.getClassDescriptors()
			.sort(Comparator.comparing((ClassDescriptor descriptor) -> descriptor.isAnnotated(RunsLast.class))
				.thenComparing((descriptor) -> descriptor.getTestClass().getName()));
	}

}
