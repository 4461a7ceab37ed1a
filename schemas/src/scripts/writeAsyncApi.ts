import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderAsyncApi } from '../asyncapi/renderAsyncApi';

/** Writes `docs/asyncapi.json` from the zod contracts. */
const dir = join(__dirname, '..', '..', '..', 'docs');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'asyncapi.json'), renderAsyncApi());
console.log(`wrote ${join(dir, 'asyncapi.json')}`);
