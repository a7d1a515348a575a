package com.usercenter.imports;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What became of an import file's lines (contract 9.2).
 *
 * @param imported lines written as new accounts
 * @param skipped lines whose {@code externalId} was imported before
 * @param rejected the first 1,000 lines that changed nothing, in line order, each with
 * the code it would get elsewhere
 * @param rejectedCount every line that changed nothing, listed or not
 */
@Schema(description = "What became of the file's lines")
record ImportResult(@Schema(example = "998") long imported, @Schema(example = "1") long skipped,
		@Schema(description = "The first 1,000 rejected lines, in line order") List<Rejected> rejected,
		@Schema(example = "1", description = "All rejected lines, listed or not") long rejectedCount) {

	/**
	 * A line that changed nothing.
	 *
	 * @param line its number in the file, from 1
	 * @param externalId its {@code externalId}, when it could be read
	 * @param code the code the same conflict or mistake gets elsewhere
	 * @param msg why, in the caller's language
	 */
	record Rejected(@Schema(example = "17") int line, @Schema(example = "u-10017") String externalId,
			@Schema(example = "40900") int code, @Schema(example = "Mobile already in use") String msg) {
	}

}
