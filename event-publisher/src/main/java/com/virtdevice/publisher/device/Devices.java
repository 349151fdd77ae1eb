package com.virtdevice.publisher.device;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.publisher.PublisherProperties;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The device registry in {@code publisher.devices} and
 * {@code publisher.device_properties}. Writes go through the schema's functions, which
 * record their events in the outbox in the same transaction.
 */
@Repository
public class Devices {

	private static final String SELECT = """
			SELECT d.id, d.name, d.type, d.user_id, d.tenant_id, d.created_at,
			       coalesce((SELECT json_object_agg(p.name, p.value ORDER BY p.name)
			                   FROM publisher.device_properties p WHERE p.device_id = d.id), '{}') AS properties
			  FROM publisher.devices d
			""";

	private static final TypeReference<LinkedHashMap<String, String>> PROPERTIES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final boolean notifyApiChanges;

	Devices(JdbcClient jdbc, JsonMapper json, PublisherProperties properties) {
		this.jdbc = jdbc;
		this.json = json;
		this.notifyApiChanges = properties.notifyApiChanges();
	}

	/** Marks the current transaction as the API's, made on behalf of {@code source}. */
	public void beginChange(ChangeSource source) {
		this.jdbc.sql("SELECT publisher.api_begin(?, ?)")
			.params(source.wireName(), this.notifyApiChanges)
			.query()
			.listOfRows();
	}

	/**
	 * Marks the current transaction as the API's change, made on behalf of
	 * {@code source}, of a device the caller owns — in the same round trip as the
	 * ownership check, which is all the write path needs of the device.
	 * @throws DeviceNotFound if there is no such device or the caller does not own it
	 */
	public void beginChangeOf(String id, String userId, String tenantId, ChangeSource source) {
		boolean owned = this.jdbc
			.sql("SELECT d.user_id = ? AND d.tenant_id = ? AS owned, publisher.api_begin(?, ?) "
					+ "FROM publisher.devices d WHERE d.id = ?")
			.params(userId, tenantId, source.wireName(), this.notifyApiChanges, id)
			.query((row, number) -> row.getBoolean("owned"))
			.optional()
			.orElse(false);
		if (!owned) {
			throw new DeviceNotFound(id);
		}
	}

	Instant create(String id, String userId, String tenantId, String name, String type, Map<String, String> values,
			UUID eventId) {
		OffsetDateTime created = this.jdbc.sql("SELECT publisher.create_device(?, ?, ?, ?, ?, ?, ?, ?)")
			.params(id, userId, tenantId, name, type, values.keySet().toArray(String[]::new),
					values.values().toArray(String[]::new), eventId)
			.query(OffsetDateTime.class)
			.single();
		return created.toInstant();
	}

	boolean delete(String id, UUID eventId) {
		return Boolean.TRUE.equals(this.jdbc.sql("SELECT publisher.delete_device(?, ?)")
			.params(id, eventId)
			.query(Boolean.class)
			.single());
	}

	public Optional<Device> find(String id) {
		return this.jdbc.sql(SELECT + " WHERE d.id = ?").param(id).query(this::device).optional();
	}

	List<Device> ownedBy(String userId, String tenantId) {
		return this.jdbc.sql(SELECT + " WHERE d.tenant_id = ? AND d.user_id = ? ORDER BY d.created_at, d.id")
			.params(tenantId, userId)
			.query(this::device)
			.list();
	}

	private Device device(ResultSet row, int number) throws SQLException {
		return new Device(row.getString("id"), row.getString("name"), row.getString("type"), row.getString("user_id"),
				row.getString("tenant_id"), this.json.readValue(row.getString("properties"), PROPERTIES),
				row.getObject("created_at", OffsetDateTime.class).toInstant());
	}

}
