package com.usercenter.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of every answer: {@code {"code":200,"msg":"成功","data":...,"traceId":"..."}}.
 * Controllers answer {@link #ok(Object)}; the message and trace id are filled in by
 * {@link com.usercenter.core.errors.EnvelopeBodyAdvice}.
 */
@Schema(description = "The envelope around every answer")
public record Envelope<T>(@Schema(example = "200") int code, @Schema(example = "成功") String msg,
		@JsonInclude(JsonInclude.Include.ALWAYS) T data,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Schema(example = "3f2c9a1b7d4e4b0c") String traceId) {

	public static <T> Envelope<T> ok(T data) {
		return new Envelope<>(ErrorCode.SUCCESS.code(), null, data, null);
	}

	public static Envelope<Void> ok() {
		return ok(null);
	}

	/** This envelope with its message and trace id filled in. */
	public Envelope<T> localized(String msg, String traceId) {
		return new Envelope<>(this.code, msg, this.data, traceId);
	}

}
