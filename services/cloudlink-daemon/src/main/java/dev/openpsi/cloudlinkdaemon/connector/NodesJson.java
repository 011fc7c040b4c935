package dev.openpsi.cloudlinkdaemon.connector;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The nodes of a component's last heartbeat, kept as JSON text in its row. */
@ApplicationScoped
public class NodesJson {

    private static final TypeReference<List<NodeState>> NODES = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public NodesJson(ObjectMapper json) {
        this.json = json;
    }

    public List<NodeState> read(LinkedComponent component) {
        try {
            return json.readValue(component.nodes, NODES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("nodes of component " + component.id + " are not JSON", e);
        }
    }

    public void write(LinkedComponent component, List<NodeState> nodes) {
        try {
            component.nodes = json.writeValueAsString(nodes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write nodes", e);
        }
    }

    public boolean anyDown(LinkedComponent component) {
        return read(component).stream().anyMatch(n -> !n.connected());
    }

    /** The rules' state of {@code component}. */
    public ComponentStatusRules.State state(LinkedComponent component) {
        return component.state(anyDown(component));
    }
}
