package com.virtdevice.dashboard.relay;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

/**
 * Writes the STOMP ERROR frames sent for refused client frames: the refusal's reason in
 * the {@code message} header and the body, the {@code receipt-id} of the refused frame,
 * and nothing about the internals for any other failure. Spring closes the connection
 * after every ERROR frame, as STOMP requires.
 */
final class StompErrorFrames extends StompSubProtocolErrorHandler {

	static final String INTERNAL_REASON = "The frame could not be processed";

	@Override
	protected Message<byte[]> handleInternal(StompHeaderAccessor error, byte[] payload, @Nullable Throwable cause,
			@Nullable StompHeaderAccessor client) {
		if (cause == null) {
			return super.handleInternal(error, payload, null, client);
		}
		StompRefusal refusal = refusalIn(cause);
		String reason = (refusal != null) ? refusal.getMessage() : INTERNAL_REASON;
		error.setMessage(reason);
		error.setContentType(MimeTypeUtils.TEXT_PLAIN);
		return MessageBuilder.createMessage(reason.getBytes(StandardCharsets.UTF_8), error.getMessageHeaders());
	}

	private static @Nullable StompRefusal refusalIn(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof StompRefusal refusal) {
				return refusal;
			}
		}
		return null;
	}

}
