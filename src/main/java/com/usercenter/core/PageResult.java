package com.usercenter.core;

import java.util.List;
import java.util.function.Function;

import org.springframework.data.domain.Page;

/**
 * One page of a list, in the contract's shape.
 */
public record PageResult<T>(List<T> content, int number, int size, long totalElements, int totalPages, boolean first,
		boolean last, int numberOfElements) {

	public static <S, T> PageResult<T> of(Page<S> page, Function<S, T> mapper) {
		return new PageResult<>(page.getContent().stream().map(mapper).toList(), page.getNumber(), page.getSize(),
				page.getTotalElements(), page.getTotalPages(), page.isFirst(), page.isLast(),
				page.getNumberOfElements());
	}

}
