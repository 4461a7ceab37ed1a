package io.leadflow.contractcheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Writes and reads records in the Confluent wire format (magic byte 0, 4-byte big-endian schema id,
 * Avro binary) with Apache Avro's generic API and the registry's schemas.
 *
 * <p>Usage: {@code ContractCheck <request.json> <response.json>}. The request holds the registry URL
 * and cases {@code {name, schemaId, value, encoded}}: {@code value} is plain JSON this program writes
 * with schema {@code schemaId}; {@code encoded} is another writer's record (base64) it reads strictly
 * with the writer's schema named in its header. Each answer holds {@code written} (base64), the union
 * branches chosen for and found in the record, the decoded record as plain JSON, or {@code error}.
 */
public final class ContractCheck {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    JsonNode request = JSON.readTree(new File(args[0]));
    SchemaRegistry registry = new SchemaRegistry(request.get("registryUrl").asText());
    GenericData model = new GenericData();
    model.addLogicalTypeConversion(new Conversions.DecimalConversion());
    ArrayNode answers = JSON.createArrayNode();
    for (JsonNode c : request.get("cases")) {
      ObjectNode answer = answers.addObject().put("name", c.get("name").asText());
      try {
        write(registry, model, c, answer);
        read(registry, model, Base64.getDecoder().decode(c.get("encoded").asText()), answer);
      } catch (JsonToAvro.Mismatch | RuntimeException e) {
        answer.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
    JSON.writerWithDefaultPrettyPrinter().writeValue(new File(args[1]), JSON.createObjectNode().set("answers", answers));
  }

  private static void write(SchemaRegistry registry, GenericData model, JsonNode c, ObjectNode answer) throws Exception {
    int id = c.get("schemaId").asInt();
    Schema schema = registry.schema(id);
    JsonToAvro toAvro = new JsonToAvro();
    Object datum = toAvro.datum(schema, c.get("value"), "");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.write(ByteBuffer.allocate(4).putInt(id).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<Object>(schema, model).write(datum, encoder);
    encoder.flush();
    answer.put("written", Base64.getEncoder().encodeToString(out.toByteArray()));
    answer.set("writtenBranches", JSON.valueToTree(toAvro.branches));
  }

  private static void read(SchemaRegistry registry, GenericData model, byte[] bytes, ObjectNode answer) throws Exception {
    if (bytes.length < 5 || bytes[0] != 0) throw new IllegalArgumentException("not the Confluent wire format");
    Schema writer = registry.schema(ByteBuffer.wrap(bytes, 1, 4).getInt());
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null);
    Object datum = new GenericDatumReader<Object>(writer, writer, model).read(null, decoder);
    if (!decoder.isEnd()) throw new IllegalArgumentException("bytes left after the record");
    Map<String, String> branches = new TreeMap<>();
    answer.set("decoded", new AvroToJson(model, branches).json(writer, datum, ""));
    answer.set("decodedBranches", JSON.valueToTree(branches));
  }
}
