import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderAvroSchemas } from '../avro/renderAvroSchemas';

/** Writes `schemas/avro/<topic>.avsc` from the zod contracts, removing those of topics that are gone. */
const dir = join(__dirname, '..', '..', 'avro');
mkdirSync(dir, { recursive: true });
const schemas = renderAvroSchemas();
for (const file of readdirSync(dir)) if (file.endsWith('.avsc') && !schemas.has(file)) rmSync(join(dir, file));
for (const [file, text] of schemas) writeFileSync(join(dir, file), text);
console.log(`wrote ${schemas.size} Avro schemas to ${dir}`);
