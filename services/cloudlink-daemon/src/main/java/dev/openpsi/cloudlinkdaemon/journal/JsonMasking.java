package dev.openpsi.cloudlinkdaemon.journal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.openpsi.security.Redactor;

/**
 * Makes a parsed payload safe to journal: members whose name looks secret (the names
 * {@link Redactor} scrubs in free text) are masked whatever their value, and text PostgreSQL's
 * jsonb refuses (NUL characters) is replaced.
 */
final class JsonMasking {

    /** Same vocabulary as {@link Redactor}'s; libs/security does not expose its pattern. */
    static final Pattern SECRET_NAME = Pattern.compile(
            ".*(?:password|passwd|secret|token|credential|authorization|api[_-]?key|private[_-]?key).*",
            Pattern.CASE_INSENSITIVE);

    private JsonMasking() {
    }

    static boolean looksSecret(String name) {
        return Redactor.mayHoldSecret(name) && SECRET_NAME.matcher(name).matches();
    }

    /** A masked copy of {@code node}. */
    static JsonNode mask(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = withoutNul(field.getKey());
                out.set(name, looksSecret(name) && !field.getValue().isNull()
                        ? TextNode.valueOf(Redactor.MASK)
                        : mask(field.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            List<JsonNode> items = new ArrayList<>();
            node.forEach(items::add);
            for (JsonNode item : items) {
                out.add(mask(item));
            }
            return out;
        }
        if (node.isTextual()) {
            // free text inside a value may still carry "password=..." or a bearer token
            return TextNode.valueOf(Redactor.scrub(withoutNul(node.textValue())));
        }
        return node;
    }

    /** PostgreSQL text and jsonb can not hold U+0000. */
    static String withoutNul(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
    }
}
