package com.virtdevice.publisher.device;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.virtdevice.support.security.HubPrincipal;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Devices (docs/contract.md §4.1): create, list, read, delete. */
@RestController
@RequestMapping(path = "/api/devices", produces = MediaType.APPLICATION_JSON_VALUE)
class DeviceController {

	private final DeviceRegistry registry;

	private final Devices devices;

	private final DeviceAccess access;

	DeviceController(DeviceRegistry registry, Devices devices, DeviceAccess access) {
		this.registry = registry;
		this.devices = devices;
		this.access = access;
	}

	/**
	 * Creates a device owned by the caller, in the caller's tenant; publishes
	 * {@code device_created}.
	 */
	@PostMapping
	ResponseEntity<Device> create(HubPrincipal caller, @Valid @RequestBody NewDevice request) {
		Device device = this.registry.create(caller, request.name(), request.type(),
				(request.properties() != null) ? request.properties() : Map.of(),
				PropertyRules.source(request.source()));
		return ResponseEntity.created(URI.create("/api/devices/" + device.id())).body(device);
	}

	/** The caller's devices. */
	@GetMapping
	Map<String, List<Device>> list(HubPrincipal caller) {
		return Map.of("items", this.devices.ownedBy(caller.userId(), caller.tenantId()));
	}

	@GetMapping("/{id}")
	Device get(HubPrincipal caller, @PathVariable String id) {
		return this.access.readable(caller, id);
	}

	/** Deletes one of the caller's devices; publishes {@code device_deleted}. */
	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(HubPrincipal caller, @PathVariable String id) {
		this.registry.delete(caller, id);
		return ResponseEntity.noContent().build();
	}

	/**
	 * A new device.
	 *
	 * @param name display name
	 * @param type kind of device, upper case, e.g. {@code LIGHT}
	 * @param properties initial property values (they do not produce change events)
	 * @param source who creates it; {@code api} when absent
	 */
	record NewDevice(@NotBlank @Size(max = 200) String name,
			@NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{0,31}",
					message = "must be upper case letters, digits or _, e.g. LIGHT") String type,
			@Nullable Map<String, String> properties, @Nullable String source) {
	}

}
