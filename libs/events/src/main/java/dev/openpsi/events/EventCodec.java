package dev.openpsi.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Turns payload records into record values and back, enforcing each event's JSON Schema in both
 * directions: an invalid event is never written, and an invalid record is never handed to a handler.
 * Every failure is a typed {@link EventContractException} carrying its {@link DeadLetterReason}.
 *
 * <p>Thread-safe and meant to be shared: all schemas are loaded and compiled once, in the constructor,
 * so a missing or broken schema fails at start-up rather than on the first event.
 */
public final class EventCodec {

    private final ObjectMapper mapper;
    private final Map<EventType<?>, JsonSchema> schemas;

    public EventCodec() {
        this.mapper = newObjectMapper();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                // Draft 2020-12 treats "format" as an annotation by default; the contract relies on
                // email and date-time being asserted.
                .formatAssertionsEnabled(true)
                .regularExpressionFactory(EndAnchoredRegularExpressionFactory.INSTANCE)
                .pathType(PathType.JSON_POINTER)
                .locale(Locale.ENGLISH)
                .build();
        this.schemas = EventTypes.all().stream()
                .collect(Collectors.toUnmodifiableMap(Function.identity(), type -> load(factory, config, type)));
    }

    /**
     * The mapper the contract is written with: ISO-8601 strings for {@code java.time} values,
     * trailing content and duplicate keys rejected (an ambiguous value is a poison message).
     */
    public static ObjectMapper newObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /**
     * Serialises {@code payload} to UTF-8 JSON after validating it against the type's schema.
     *
     * @throws EventValidationException listing every violation; nothing is returned for an invalid event
     */
    public <P extends Record> byte[] encode(EventType<P> type, P payload) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        if (!type.payloadClass().isInstance(payload)) {
            throw new IllegalArgumentException(
                    type.ceType() + " carries " + type.payloadClass().getName() + ", not " + payload.getClass().getName());
        }
        JsonNode json = mapper.valueToTree(payload);
        List<String> violations = violations(type, json);
        if (!violations.isEmpty()) {
            throw new EventValidationException(type.ceType(), violations);
        }
        try {
            return mapper.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            // A tree that was just built from a record always serialises; anything else is a bug here.
            throw new IllegalStateException("cannot write JSON of " + type.ceType(), e);
        }
    }

    /**
     * Resolves {@code ceType}, parses {@code value}, validates it and binds it to the payload record.
     *
     * @throws MalformedEventException           if {@code ceType} is not syntactically valid
     * @throws UnknownEventTypeException         if the stream or event is unknown
     * @throws UnsupportedEventVersionException if the event is known in other versions only
     * @throws MalformedJsonException            if the value is absent or not JSON
     * @throws EventValidationException          if the JSON violates the schema
     */
    public DecodedEvent<?> decode(String ceType, byte[] value) {
        return decodeAs(EventTypes.resolve(ceType), value);
    }

    /** {@link #decode(String, byte[])} with the type from an already parsed envelope. */
    public DecodedEvent<?> decode(Envelope envelope, byte[] value) {
        return decode(envelope.type(), value);
    }

    /**
     * Decodes {@code value} as {@code type} (e.g. when a consumer handles one known type only).
     *
     * @throws MalformedJsonException   if the value is absent or not JSON
     * @throws EventValidationException if the JSON violates the schema
     */
    public <P extends Record> DecodedEvent<P> decodeAs(EventType<P> type, byte[] value) {
        Objects.requireNonNull(type, "type");
        JsonNode json = parse(type, value);
        List<String> violations = violations(type, json);
        if (!violations.isEmpty()) {
            throw new EventValidationException(type.ceType(), violations);
        }
        try {
            return new DecodedEvent<>(type, mapper.treeToValue(json, type.payloadClass()), json);
        } catch (JsonProcessingException e) {
            // The schema accepted what the record cannot hold: report it as a contract violation.
            throw new EventValidationException(type.ceType(), List.of("/: " + JsonErrors.firstLine(e)));
        }
    }

    /** Schema violations of {@code json} as {@code <JSON pointer>: <message>}, sorted; empty when valid. */
    public List<String> violations(EventType<?> type, JsonNode json) {
        JsonSchema schema = schemas.get(type);
        if (schema == null) {
            throw new IllegalArgumentException("no schema for " + type);
        }
        return format(schema.validate(json));
    }

    /** The mapper used for payloads; callers must not reconfigure it. */
    public ObjectMapper objectMapper() {
        return mapper;
    }

    private JsonNode parse(EventType<?> type, byte[] value) {
        if (value == null || value.length == 0) {
            throw new MalformedJsonException(type.ceType() + " record has no value", null);
        }
        try {
            JsonNode json = mapper.readTree(value);
            if (json == null || json.isMissingNode()) {
                throw new MalformedJsonException(type.ceType() + " record value holds no JSON", null);
            }
            return json;
        } catch (IOException e) {
            throw new MalformedJsonException(type.ceType() + " record value is not valid JSON: "
                    + JsonErrors.firstLine(e), e);
        }
    }

    private static List<String> format(Collection<ValidationMessage> messages) {
        List<String> out = new ArrayList<>(messages.size());
        for (ValidationMessage message : messages) {
            String pointer = message.getInstanceLocation().toString();
            // "required" and "additionalProperties" report the object; point at the field itself.
            String property = message.getProperty();
            if (property != null && ("required".equals(message.getType())
                    || "additionalProperties".equals(message.getType()))) {
                pointer = pointer + "/" + property;
            }
            out.add((pointer.isEmpty() ? "/" : pointer) + ": " + message.getError());
        }
        out.sort(null);
        return List.copyOf(out);
    }

    private static JsonSchema load(JsonSchemaFactory factory, SchemaValidatorsConfig config, EventType<?> type) {
        try (InputStream in = EventCodec.class.getResourceAsStream(type.schemaResource())) {
            if (in == null) {
                throw new IllegalStateException("schema resource " + type.schemaResource() + " of " + type + " is missing");
            }
            JsonSchema schema = factory.getSchema(in, config);
            schema.initializeValidators();
            return schema;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + type.schemaResource(), e);
        }
    }

    /** Keeps parser messages to their first line: Jackson appends a multi-line source excerpt. */
    private static final class JsonErrors {
        static String firstLine(IOException e) {
            String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            if (message == null) {
                return e.getClass().getSimpleName();
            }
            int newline = message.indexOf('\n');
            return newline < 0 ? message : message.substring(0, newline);
        }
    }
}
