import { topics } from '../topics';

/** The `.avsc` file name and text of every topic's value schema. */
export function renderAvroSchemas(): Map<string, string> {
  return new Map(
    Object.values(topics).map((topic) => [`${topic.name}.avsc`, `${JSON.stringify(topic.avro, null, 2)}\n`]),
  );
}
