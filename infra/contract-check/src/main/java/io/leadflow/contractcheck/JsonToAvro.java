package io.leadflow.contractcheck;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * Turns plain JSON (unions untagged, as a Python or JavaScript program holds its values) into an Avro
 * datum the way a generic writer does: a union takes the first branch the value fits, and a record
 * field the value lacks is null, never its default. It is stricter than such a writer in one way:
 * a value that fits two branches of a union is refused as ambiguous, since another writer could
 * pick the other one. The branches chosen are recorded by path.
 */
final class JsonToAvro {
  /** Why a value does not fit a schema. */
  static final class Mismatch extends Exception {
    Mismatch(String message) {
      super(message, null, false, false);
    }
  }

  final Map<String, String> branches = new TreeMap<>();

  Object datum(Schema schema, JsonNode node, String path) throws Mismatch {
    boolean absent = node == null || node.isNull();
    switch (schema.getType()) {
      case NULL:
        if (!absent) throw new Mismatch(path + ": not null");
        return null;
      case UNION:
        return union(schema, node, path);
      default:
        if (absent) throw new Mismatch(path + ": missing " + schema.getType());
    }
    switch (schema.getType()) {
      case RECORD:
        return record(schema, node, path);
      case ENUM:
        if (!node.isTextual() || !schema.hasEnumSymbol(node.asText())) throw new Mismatch(path + ": not a symbol of " + schema.getFullName());
        return new GenericData.EnumSymbol(schema, node.asText());
      case ARRAY:
        if (!node.isArray()) throw new Mismatch(path + ": not an array");
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) items.add(datum(schema.getElementType(), node.get(i), path + "[" + i + "]"));
        return new GenericData.Array<>(schema, items);
      case STRING:
        if (!node.isTextual()) throw new Mismatch(path + ": not a string");
        return node.asText();
      case BOOLEAN:
        if (!node.isBoolean()) throw new Mismatch(path + ": not a boolean");
        return node.asBoolean();
      case INT:
        if (!node.isIntegralNumber() || !node.canConvertToInt()) throw new Mismatch(path + ": not an int");
        return node.asInt();
      case LONG:
        if (!node.isIntegralNumber() || !node.canConvertToLong()) throw new Mismatch(path + ": not a long");
        return node.asLong();
      case DOUBLE:
        if (!node.isNumber()) throw new Mismatch(path + ": not a number");
        return node.asDouble();
      case BYTES:
        return bytes(schema, node, path);
      default:
        throw new Mismatch(path + ": the check does not write " + schema.getType());
    }
  }

  private Object union(Schema schema, JsonNode node, String path) throws Mismatch {
    List<String> fits = new ArrayList<>();
    Object chosen = null;
    String chosenName = null;
    for (Schema branch : schema.getTypes()) {
      try {
        Object datum = datum(branch, node, path);
        if (fits.isEmpty()) {
          chosen = datum;
          chosenName = branch.getFullName();
        }
        fits.add(branch.getFullName());
      } catch (Mismatch ignored) {
        // the next branch may fit
      }
    }
    if (fits.isEmpty()) throw new Mismatch(path + ": fits no branch of " + schema);
    if (fits.size() > 1) throw new Mismatch(path + ": ambiguous, fits " + String.join(" and ", fits));
    if (schema.getTypes().size() > 2 || chosen != null && chosenName.contains(".")) branches.put(path, chosenName);
    return chosen;
  }

  private GenericData.Record record(Schema schema, JsonNode node, String path) throws Mismatch {
    if (!node.isObject()) throw new Mismatch(path + ": not an object");
    GenericData.Record record = new GenericData.Record(schema);
    for (Schema.Field field : schema.getFields()) record.put(field.pos(), datum(field.schema(), node.get(field.name()), path + "." + field.name()));
    return record;
  }

  /** Decimals are JSON numbers that must fit the scale exactly; other bytes are base64 text. */
  private Object bytes(Schema schema, JsonNode node, String path) throws Mismatch {
    if (schema.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
      if (!node.isNumber()) throw new Mismatch(path + ": not a decimal number");
      try {
        return new BigDecimal(node.asText()).setScale(decimal.getScale());
      } catch (ArithmeticException e) {
        throw new Mismatch(path + ": more decimals than scale " + decimal.getScale());
      }
    }
    if (!node.isTextual()) throw new Mismatch(path + ": not base64 text");
    return ByteBuffer.wrap(Base64.getDecoder().decode(node.asText()));
  }
}
