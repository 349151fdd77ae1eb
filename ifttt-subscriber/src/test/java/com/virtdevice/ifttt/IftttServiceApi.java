package com.virtdevice.ifttt;

import com.virtdevice.testsupport.ReferenceFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;

/**
 * IFTTT's own OpenAPI definition of the service API ({@code service-api.yaml} in the
 * shared reference files), used to check our answers: that the operation declares the
 * status we answered with, and that the body matches that response's schema.
 */
final class IftttServiceApi {

	private static final String RELATIVE = "ifttt/service-api.yaml";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Path file;

	private final JsonNode document;

	private final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
			(builder) -> builder.metaSchema(OpenApi30.getInstance())
				.defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));

	private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
		.pathType(PathType.JSON_POINTER)
		.build();

	private IftttServiceApi(Path file) {
		this.file = file;
		try {
			this.document = new YAMLMapper().readTree(file.toFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The definition, found by searching upward from the working directory for
	 * {@value #RELATIVE}; empty when these reference files are not around.
	 */
	static Optional<IftttServiceApi> find() {
		return ReferenceFiles.find(RELATIVE).map(IftttServiceApi::new);
	}

	/**
	 * What is wrong with this answer to the operation; empty when it conforms.
	 * @param path the path template, e.g. {@code /ifttt/v1/triggers/{stepSlug}}
	 * @param method lower-case HTTP method
	 * @param status the status we answered with
	 * @param body the body we answered with
	 */
	Set<String> problems(String path, String method, int status, String body) {
		String operation = "/paths/" + escape(path) + "/" + method;
		if (this.document.at(operation).isMissingNode()) {
			return Set.of("IFTTT's API has no operation " + method.toUpperCase() + " " + path);
		}
		String response = operation + "/responses/" + status;
		JsonNode declared = this.document.at(response);
		if (declared.isMissingNode()) {
			return Set.of(method.toUpperCase() + " " + path + " does not declare status " + status);
		}
		if (declared.has("$ref")) {
			response = declared.get("$ref").asText().substring(1);
			declared = this.document.at(response);
		}
		if (!declared.has("content")) {
			return body.isEmpty() ? Set.of() : Set.of("status " + status + " declares no body, but got: " + body);
		}
		return validate(response + "/content/application~1json/schema", body);
	}

	/**
	 * What is wrong with this error body by IFTTT's {@code ErrorResponse} schema, for
	 * answers the definition does not list for the operation.
	 */
	Set<String> errorBodyProblems(String body) {
		return validate("/components/schemas/ErrorResponse", body);
	}

	private Set<String> validate(String schemaPointer, String body) {
		JsonSchema schema = this.schemas.getSchema(SchemaLocation.of(this.file.toUri() + "#" + schemaPointer),
				this.config);
		try {
			return schema.validate(JSON.readTree(body))
				.stream()
				.map(ValidationMessage::getMessage)
				.collect(Collectors.toSet());
		}
		catch (IOException ex) {
			return Set.of("not JSON: " + body);
		}
	}

	private static String escape(String path) {
		return path.replace("~", "~0").replace("/", "~1");
	}

	@Override
	public String toString() {
		return this.file.toString();
	}

}
