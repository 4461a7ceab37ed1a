package io.leadflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Folds lead activity (Confluent wire format: magic byte, schema id, Avro binary) into a per-lead
 * decayed intent sum with exactly-once processing, and prints one JSON line with how long it took
 * to process and commit the expected number of records.
 *
 * <p>Arguments: bootstrap servers, registry URL, input topics keyed by lead (comma-separated),
 * output topic, application id, expected records, intent half-life in days, points per event type
 * as {@code type=points,...}, and optionally input topics keyed otherwise (comma-separated), which
 * are re-keyed by lead through a repartition topic. As scoring's fold, it folds the records that
 * name their lead (a lead id, or an identification's) and leaves the rest.
 */
public final class DecayedIntentPeer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Map<Integer, GenericDatumReader<GenericRecord>> READERS = new ConcurrentHashMap<>();

  private DecayedIntentPeer() {}

  /** A lead's intent: the sum as of {@code asOf}, decaying with the half-life. */
  record Intent(double sum, long asOf) {
    Intent add(double points, long at, double halfLifeMs) {
      if (at >= asOf) return new Intent(sum * Math.pow(2, -(at - asOf) / halfLifeMs) + points, at);
      return new Intent(sum + points * Math.pow(2, -(asOf - at) / halfLifeMs), asOf);
    }

    byte[] bytes() {
      return ByteBuffer.allocate(16).putDouble(sum).putLong(asOf).array();
    }

    static Intent of(byte[] bytes) {
      if (bytes == null) return new Intent(0, 0);
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      return new Intent(buffer.getDouble(), buffer.getLong());
    }
  }

  /** What the fold needs of one activity record. */
  record Activity(String leadId, String type, long occurredAt, double specificity) {}

  public static void main(String[] args) throws Exception {
    if (args.length != 8 && args.length != 9) {
      System.err.println("usage: DecayedIntentPeer <bootstrap> <registryUrl> <leadKeyedInputs> <output> <applicationId> <expected> <halfLifeDays> <type=points,...> [<otherInputs>]");
      System.exit(2);
    }
    String registry = args[1];
    long expected = Long.parseLong(args[5]);
    double halfLifeMs = Double.parseDouble(args[6]) * 86_400_000d;
    Map<String, Double> points = parsePoints(args[7]);

    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, args[4]);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/leadflow-streams-peer-" + args[4]);
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    props.put("auto.offset.reset", "earliest");

    AtomicLong processed = new AtomicLong();
    AtomicLong firstAt = new AtomicLong();
    AtomicLong doneAt = new AtomicLong();
    CountDownLatch done = new CountDownLatch(1);

    StreamsBuilder builder = new StreamsBuilder();
    // topics keyed by lead need no repartition; the others are re-keyed by lead through one
    KStream<String, Activity> byLead = leadActivity(builder, List.of(args[2].split(",")), registry, firstAt);
    if (args.length == 9) {
      KStream<String, Activity> rekeyed = leadActivity(builder, List.of(args[8].split(",")), registry, firstAt)
          .selectKey((key, value) -> value.leadId())
          .repartition(Repartitioned.with(Serdes.String(), new ActivitySerde()));
      byLead = byLead.merge(rekeyed);
    }
    byLead
        .groupByKey(Grouped.with(Serdes.String(), new ActivitySerde()))
        .aggregate(
            () -> new Intent(0, 0).bytes(),
            (lead, activity, stored) -> {
              double earned = points.getOrDefault(activity.type(), 0d) * ("question_asked".equals(activity.type()) ? activity.specificity() : 1d);
              byte[] next = Intent.of(stored).add(earned, activity.occurredAt(), halfLifeMs).bytes();
              if (processed.incrementAndGet() == expected) {
                doneAt.set(System.nanoTime());
                done.countDown();
              }
              return next;
            },
            Materialized.<String, byte[], org.apache.kafka.streams.state.KeyValueStore<Bytes, byte[]>>as("decayed-intent")
                .withKeySerde(Serdes.String())
                .withValueSerde(Serdes.ByteArray()))
        .toStream()
        .to(args[3], Produced.with(Serdes.String(), Serdes.ByteArray()));

    long startedAt = System.nanoTime();
    try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
      streams.start();
      if (!done.await(30, TimeUnit.MINUTES)) throw new IllegalStateException("processed " + processed.get() + " of " + expected + " records in 30 minutes");
      streams.close();
      long closedAt = System.nanoTime();
      System.out.printf(
          "{\"records\":%d,\"processMs\":%.1f,\"processAndCommitMs\":%.1f,\"withStartupMs\":%.1f}%n",
          processed.get(),
          (doneAt.get() - firstAt.get()) / 1e6,
          (closedAt - firstAt.get()) / 1e6,
          (closedAt - startedAt) / 1e6);
    }
  }

  /** The records of these topics that name their lead, decoded. */
  private static KStream<String, Activity> leadActivity(StreamsBuilder builder, List<String> topics, String registry, AtomicLong firstAt) {
    return builder.stream(topics, Consumed.with(Serdes.String(), Serdes.ByteArray()))
        .peek((k, v) -> firstAt.compareAndSet(0, System.nanoTime()))
        .mapValues(value -> decode(registry, value))
        .filter((key, value) -> value.leadId() != null);
  }

  /** An activity as the repartition topic carries it. */
  static final class ActivitySerde implements Serde<Activity> {
    @Override
    public Serializer<Activity> serializer() {
      return (topic, a) -> {
        byte[] lead = a.leadId().getBytes(StandardCharsets.UTF_8);
        byte[] type = a.type().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(24 + lead.length + type.length).putInt(lead.length).put(lead).putInt(type.length).put(type).putLong(a.occurredAt()).putDouble(a.specificity()).array();
      };
    }

    @Override
    public Deserializer<Activity> deserializer() {
      return (topic, bytes) -> {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte[] lead = new byte[b.getInt()];
        b.get(lead);
        byte[] type = new byte[b.getInt()];
        b.get(type);
        return new Activity(new String(lead, StandardCharsets.UTF_8), new String(type, StandardCharsets.UTF_8), b.getLong(), b.getDouble());
      };
    }
  }

  private static Map<String, Double> parsePoints(String spec) {
    Map<String, Double> points = new HashMap<>();
    for (String pair : spec.split(",")) {
      String[] parts = pair.split("=", 2);
      if (parts.length == 2) points.put(parts[0], Double.parseDouble(parts[1]));
    }
    return points;
  }

  private static Activity decode(String registry, byte[] value) {
    ByteBuffer buffer = ByteBuffer.wrap(value);
    if (buffer.get() != 0) throw new IllegalArgumentException("not in the Confluent wire format");
    int schemaId = buffer.getInt();
    GenericDatumReader<GenericRecord> reader = READERS.computeIfAbsent(schemaId, id -> new GenericDatumReader<>(fetchSchema(registry, id)));
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null);
    try {
      GenericRecord record = reader.read(null, decoder);
      Object payload = record.get("payload");
      double specificity = 1d;
      if (payload instanceof GenericRecord p && p.hasField("specificity") && p.get("specificity") instanceof Number n) specificity = n.doubleValue();
      String type = String.valueOf(record.get("type"));
      Object leadId = "lead_identified".equals(type) && payload instanceof GenericRecord identification ? identification.get("leadId") : record.get("leadId");
      return new Activity(leadId == null ? null : leadId.toString(), type, ((Number) record.get("occurredAt")).longValue(), specificity);
    } catch (IOException e) {
      throw new IllegalArgumentException("undecodable record", e);
    }
  }

  private static Schema fetchSchema(String registry, int id) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(registry + "/schemas/ids/" + id)).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) throw new IllegalStateException("registry answered " + response.statusCode() + " for schema " + id);
      return new Schema.Parser().parse(JSON.readTree(response.body()).get("schema").asText());
    } catch (IOException e) {
      throw new IllegalStateException("registry unreachable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
