package dev.cairn.protocol;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.cairn.room.Member;
import dev.cairn.room.MembershipModule;
import dev.cairn.room.Module;
import dev.cairn.room.Modules;
import dev.cairn.room.Rejection;
import dev.cairn.room.Role;
import dev.cairn.room.RoomCommand;
import dev.cairn.room.RoomEvent;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;
import dev.cairn.room.Signal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * JSON encoding of everything that crosses a socket or goes into Redis. Type names come from
 * {@link Catalogue}; the domain records stay free of JSON annotations.
 */
public final class Wire {
    public static final ObjectMapper MAPPER = createMapper();

    private Wire() {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    private interface Tagged {
    }

    private static ObjectMapper createMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        strict(mapper);
        mapper.addMixIn(RoomEvent.class, Tagged.class);
        mapper.addMixIn(RoomCommand.class, Tagged.class);
        Catalogue.EVENTS.forEach((name, type) -> mapper.registerSubtypes(new NamedType(type, name)));
        Catalogue.COMMANDS.forEach((name, type) -> mapper.registerSubtypes(new NamedType(type, name)));
        SimpleModule roles = new SimpleModule("roles");
        roles.addSerializer(Role.class, new JsonSerializer<>() {
            @Override
            public void serialize(Role role, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(role.wire());
            }
        });
        roles.addDeserializer(Role.class, new JsonDeserializer<>() {
            @Override
            public Role deserialize(JsonParser parser, DeserializationContext ctx) throws IOException {
                return Role.fromWire(parser.getValueAsString());
            }
        });
        mapper.registerModule(roles);
        SimpleModule rooms = new SimpleModule("rooms");
        rooms.addSerializer(RoomState.class, new RoomStateSerializer());
        rooms.addDeserializer(RoomState.class, new RoomStateDeserializer());
        mapper.registerModule(rooms);
        return mapper;
    }

    /**
     * Values are read as the JSON type they are, never converted: text stays text, a whole number
     * must be one, true/false must be a boolean. Everything the server writes has exact types, so
     * only what a client sends can trip this.
     */
    private static void strict(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.coercionConfigFor(LogicalType.Textual)
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
            .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float)
            .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
            .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Collection)
            .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Map)
            .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    }

    /** A member's command of wire type {@code type}, read strictly; bad input is {@code invalid} in plain words. */
    public static RoomCommand command(String type, JsonNode body) {
        Class<? extends RoomCommand> commandType = Catalogue.COMMANDS.get(type);
        if (commandType == null) throw new Rejection("unknown_type", "unknown message type '" + type + "'");
        JsonNode tagged = body;
        if (!type.equals(body.path("type").textValue()) && body instanceof ObjectNode object) {
            tagged = object.deepCopy().put("type", type);
        }
        return read(type, tagged, commandType);
    }

    /** A member's signal of wire type {@code type} (its fields without {@code type}), read strictly. */
    public static Signal signal(String type, JsonNode fields) {
        Class<? extends Signal> signalType = Catalogue.SIGNALS.get(type);
        if (signalType == null) throw new Rejection("unknown_type", "unknown message type '" + type + "'");
        return read(type, fields, signalType);
    }

    private static <T> T read(String type, JsonNode body, Class<T> target) {
        try {
            return MAPPER.treeToValue(body, target);
        } catch (JsonProcessingException e) {
            throw Rejection.invalid(type + ": " + problem(e));
        } catch (IllegalArgumentException e) {
            throw Rejection.invalid(type + ": " + e.getMessage());
        }
    }

    /** What is wrong with a message, in the product's words: the field and what it must be. */
    static String problem(JsonProcessingException e) {
        String field = field(e);
        if (e instanceof UnrecognizedPropertyException u) return "unknown field '" + u.getPropertyName() + "'";
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            String what = kind(m.getTargetType());
            if (e instanceof InvalidFormatException || what != null) {
                return (field.isEmpty() ? "a value" : field) + " must be " + (what == null ? "valid" : what);
            }
        }
        if (e.getOriginalMessage() != null && e.getOriginalMessage().contains("Null value for creator property")) {
            return (field.isEmpty() ? "a field" : field) + " is required";
        }
        return field.isEmpty() ? "the message does not have the expected fields" : field + " is not valid here";
    }

    /** The path to the offending value, like {@code comments.inspiring} or {@code op[2]}. */
    private static String field(JsonProcessingException e) {
        if (!(e instanceof com.fasterxml.jackson.databind.JsonMappingException m)) return "";
        StringBuilder path = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) path.append(path.isEmpty() ? "" : ".").append(r.getFieldName());
            else if (r.getIndex() >= 0) path.append('[').append(r.getIndex()).append(']');
        }
        return path.toString();
    }

    private static String kind(Class<?> type) {
        if (type == String.class) return "text";
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) return "a whole number";
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) return "a number";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (java.util.Collection.class.isAssignableFrom(type)) return "a list";
        if (Map.class.isAssignableFrom(type)) return "an object";
        return null;
    }

    /**
     * A room state as one flat object: {@code id}, {@code seq} (first, so the store's scripts can read it), {@code title}, {@code createdAt},
     * {@code members}, then every other module's part under its key.
     */
    private static final class RoomStateSerializer extends JsonSerializer<RoomState> {
        @Override
        public void serialize(RoomState room, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            gen.writeStringField("id", room.id());
            gen.writeNumberField("seq", room.seq());
            gen.writeStringField("title", room.title());
            gen.writeNumberField("createdAt", room.createdAt());
            gen.writeObjectField("members", room.members());
            for (Module<?> module : Modules.ALL) {
                if (module != MembershipModule.INSTANCE) gen.writeObjectField(module.key(), room.part(module));
            }
            gen.writeEndObject();
        }
    }

    private static final class RoomStateDeserializer extends JsonDeserializer<RoomState> {
        private static final TypeReference<Map<String, Member>> MEMBERS = new TypeReference<>() {
        };

        @Override
        public RoomState deserialize(JsonParser parser, DeserializationContext ctx) throws IOException {
            ObjectMapper codec = (ObjectMapper) parser.getCodec();
            JsonNode tree = codec.readTree(parser);
            Map<String, Member> members = tree.hasNonNull("members")
                ? codec.convertValue(tree.get("members"), MEMBERS) : Map.of();
            Map<String, Object> parts = new HashMap<>();
            for (Module<?> module : Modules.ALL) {
                JsonNode part = tree.get(module.key());
                if (module != MembershipModule.INSTANCE && part != null && !part.isNull()) {
                    parts.put(module.key(), codec.treeToValue(part, module.stateType()));
                }
            }
            return new RoomState(tree.path("id").asText(null), tree.path("seq").asLong(),
                tree.path("title").asText(null), tree.path("createdAt").asLong(), members, parts);
        }
    }

    /** The event frame as stored in the log, published, and sent to every board. */
    public static String encode(Sequenced event) {
        return write(new EventFrame("event", event.seq(), event.at(), event.by(), event.event()));
    }

    /** Field order of an event frame on the wire; {@code event} carries its own type tag. */
    private record EventFrame(String type, long seq, long at, String by, RoomEvent event) {
    }

    public static Sequenced decodeEvent(JsonNode frame) {
        try {
            EventFrame f = MAPPER.treeToValue(frame, EventFrame.class);
            return new Sequenced(f.seq(), f.at(), f.by(), f.event());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String encode(RoomState state) {
        return write(state);
    }

    public static RoomState decodeState(String json) {
        try {
            return MAPPER.readValue(json, RoomState.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
