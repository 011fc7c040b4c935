package dev.openpsi.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The schema files follow the house rules and describe exactly the record they belong to. */
class SchemaContractTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static List<EventType<?>> types() {
        return EventTypes.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void schemaIsStrictDraft202012AndMatchesTheRecord(EventType<?> type) throws Exception {
        JsonNode schema = read(type);

        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText());
        assertEquals(type.ceType(), schema.path("title").asText());
        assertEquals("object", schema.path("type").asText());
        assertFalse(schema.path("additionalProperties").asBoolean(true), "additionalProperties must be false");

        List<String> components = Arrays.stream(type.payloadClass().getRecordComponents())
                .map(RecordComponent::getName).toList();
        assertEquals(components, names(schema.path("properties")), "properties must mirror the record, in order");
        assertEquals(components, texts(schema.path("required")), "every field is required (nullable ones as null)");
        assertEquals("account", components.get(0));
    }

    /**
     * No field, at any depth, carries a secret in clear. A secret may only travel sealed: its field
     * is then named {@code sealed...} and its schema admits nothing but the SecretCipher form.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void noPayloadFieldLooksLikeASecret(EventType<?> type) throws Exception {
        assertNoClearSecret(type, "", read(type).path("properties"));
    }

    private static void assertNoClearSecret(EventType<?> type, String path, JsonNode properties) {
        properties.fields().forEachRemaining(field -> {
            String name = field.getKey();
            String lower = name.toLowerCase(Locale.ROOT);
            boolean looksSecret = List.of("password", "secret", "token", "credential", "privatekey").stream()
                    .anyMatch(lower::contains);
            if (looksSecret) {
                assertTrue(name.startsWith("sealed") && field.getValue().path("pattern").asText().startsWith("^v1\\."),
                        () -> type + " field " + path + name + " looks like a secret and is not a sealed value");
            }
            assertNoClearSecret(type, path + name + ".", field.getValue().path("properties"));
        });
    }

    private static JsonNode read(EventType<?> type) throws Exception {
        try (InputStream in = EventCodec.class.getResourceAsStream(type.schemaResource())) {
            assertNotNull(in, type.schemaResource());
            return MAPPER.readTree(in);
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
