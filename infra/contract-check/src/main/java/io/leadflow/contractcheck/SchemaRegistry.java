package io.leadflow.contractcheck;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;

/** Fetches schemas by id from a Confluent-compatible registry, once each. */
final class SchemaRegistry {
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final Map<Integer, Schema> byId = new HashMap<>();
  private final String url;

  SchemaRegistry(String url) {
    this.url = url.replaceAll("/+$", "");
  }

  Schema schema(int id) throws IOException, InterruptedException {
    Schema known = byId.get(id);
    if (known != null) return known;
    HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/schemas/ids/" + id)).GET().build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("registry answered " + response.statusCode() + " for schema " + id + ": " + response.body());
    }
    Schema schema = new Schema.Parser().parse(json.readTree(response.body()).get("schema").asText());
    byId.put(id, schema);
    return schema;
  }
}
