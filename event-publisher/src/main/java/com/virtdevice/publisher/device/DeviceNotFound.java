package com.virtdevice.publisher.device;

import java.io.Serial;

import com.virtdevice.support.web.HubProblem;

import org.springframework.http.HttpStatus;

/**
 * No such device — or one the caller may not see: existence never leaks across users or
 * tenants, so both are 404.
 */
public class DeviceNotFound extends HubProblem {

	@Serial
	private static final long serialVersionUID = 1L;

	public DeviceNotFound(String id) {
		super(HttpStatus.NOT_FOUND, "No device " + ((id.length() > 128) ? id.substring(0, 128) + "…" : id));
	}

}
