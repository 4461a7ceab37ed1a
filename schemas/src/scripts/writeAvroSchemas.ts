import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderAvroSchemas } from '../avro/renderAvroSchemas';

/** Writes `schemas/avro/<topic>.avsc` from the zod contracts. */
const dir = join(__dirname, '..', '..', 'avro');
mkdirSync(dir, { recursive: true });
for (const [file, text] of renderAvroSchemas()) writeFileSync(join(dir, file), text);
console.log(`wrote ${renderAvroSchemas().size} Avro schemas to ${dir}`);
