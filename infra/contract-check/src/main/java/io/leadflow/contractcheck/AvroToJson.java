package io.leadflow.contractcheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Renders a decoded datum as plain JSON (the inverse of JsonToAvro), recording union branches by path. */
final class AvroToJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private final GenericData model;
  private final Map<String, String> branches;

  AvroToJson(GenericData model, Map<String, String> branches) {
    this.model = model;
    this.branches = branches;
  }

  JsonNode json(Schema schema, Object datum, String path) {
    if (datum == null) return NODES.nullNode();
    switch (schema.getType()) {
      case UNION: {
        Schema branch = schema.getTypes().get(model.resolveUnion(schema, datum));
        if (schema.getTypes().size() > 2 || branch.getFullName().contains(".")) branches.put(path, branch.getFullName());
        return json(branch, datum, path);
      }
      case RECORD: {
        ObjectNode object = NODES.objectNode();
        GenericRecord record = (GenericRecord) datum;
        for (Schema.Field field : schema.getFields()) object.set(field.name(), json(field.schema(), record.get(field.pos()), path + "." + field.name()));
        return object;
      }
      case ARRAY: {
        ArrayNode array = NODES.arrayNode();
        int i = 0;
        for (Object item : (Iterable<?>) datum) array.add(json(schema.getElementType(), item, path + "[" + i++ + "]"));
        return array;
      }
      case INT:
        return NODES.numberNode((Integer) datum);
      case LONG:
        return NODES.numberNode((Long) datum);
      case DOUBLE:
        return NODES.numberNode((Double) datum);
      case BOOLEAN:
        return NODES.booleanNode((Boolean) datum);
      case BYTES:
        if (datum instanceof BigDecimal decimal) return NODES.numberNode(decimal);
        ByteBuffer buffer = ((ByteBuffer) datum).duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
      default:
        return NODES.textNode(datum.toString());
    }
  }
}
