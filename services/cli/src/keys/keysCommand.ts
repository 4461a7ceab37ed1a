import type { Command } from 'commander';
import { rewrapSubjectKeys } from '@leadflow/kit';
import { withPrivacyTools } from '../privacy/withPrivacyTools';
import { createKey, describeKeys, revokeKey, type CreateKeyOptions } from './manageKeys';

const DEFAULT_FILE = process.env.INGEST_KEYS_FILE || 'ingest-keys.json';

/** `leadflow keys create|list|revoke`: the API keys ingest takes, stored as hashes in INGEST_KEYS_FILE. */
export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('API keys for ingest, stored as hashes in a keys file (INGEST_KEYS_FILE)');
  keys
    .command('create')
    .description('create a key, print it once, store only its hash')
    .requiredOption('--source <name>', 'the integration the key sends for (lower-case letters, digits, . _ -)')
    .requiredOption('--scopes <types>', 'event types the key may send, comma separated, or "all"')
    .option('--publishable', 'a browser key: anonymous web activity only, from the --origins given', false)
    .option('--origins <origins>', 'for a publishable key: allowed origins, comma separated (https://www.example.com)')
    .option('--file <path>', 'the keys file', DEFAULT_FILE)
    .action((options: CreateKeyOptions) => {
      const { key, stored } = createKey(options);
      console.log(`created ${stored.kind} key ${stored.id} for source ${stored.source} in ${options.file}`);
      console.log(`scopes: ${stored.scopes.join(', ')}${stored.origins.length ? `; origins: ${stored.origins.join(', ')}` : ''}`);
      console.log('\nthe key (shown once; only its hash is stored):\n');
      console.log(key);
    });
  keys
    .command('list')
    .description('list the keys (ids, sources, scopes; never the keys)')
    .option('--file <path>', 'the keys file', DEFAULT_FILE)
    .action((options: { file: string }) => {
      for (const line of describeKeys(options.file)) console.log(line);
    });
  keys
    .command('revoke')
    .description('revoke a key by id; a running ingest stops taking it within seconds')
    .argument('<id>', 'the key id, as `keys list` shows it')
    .option('--file <path>', 'the keys file', DEFAULT_FILE)
    .action((id: string, options: { file: string }) => {
      const revoked = revokeKey(options.file, id);
      console.log(`revoked ${revoked.id} (${revoked.source}) at ${revoked.revokedAt}`);
    });
  keys
    .command('rotate-master')
    .description('rewrap every data key with the current master key of LEADFLOW_MASTER_KEY_FILE; then the old master keys may leave the file')
    .action(async () => {
      const { rewrapped, left } = await withPrivacyTools(process.env, ({ pool, masters }) => rewrapSubjectKeys(pool, masters));
      console.log(`rewrapped ${rewrapped} data keys with the current master key; ${left} wrapped by another`);
    });
}
