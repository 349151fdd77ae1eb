package com.virtdevice.publisher.device;

import java.io.Serial;

import com.virtdevice.support.web.HubProblem;

import org.springframework.http.HttpStatus;

/**
 * A request to create or change a device that breaks the rules of docs/contract.md §4.
 */
public class InvalidDeviceRequest extends HubProblem {

	@Serial
	private static final long serialVersionUID = 1L;

	public InvalidDeviceRequest(String detail) {
		super(HttpStatus.BAD_REQUEST, detail);
	}

}
