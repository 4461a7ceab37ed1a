import { unwatchFile, watchFile } from 'node:fs';
import type { Logger } from 'pino';
import { hashApiKey } from './apiKeyHash';
import { activityEventTypes, type KeyKind } from './keysFile';
import { readKeysFile } from './readKeysFile';

/** What a presented key allows. */
export interface ApiKeyGrant {
  keyId: string;
  source: string;
  kind: KeyKind;
  scopes: ReadonlySet<string>;
  origins: ReadonlySet<string>;
}

/**
 * The keys ingest accepts, looked up by hash: the hashed keys of the keys file (re-read when it
 * changes, so a revocation takes effect within a second or two without a restart) and the
 * plaintext development keys of INGEST_API_KEYS, which may send every activity type.
 */
export class ApiKeyDirectory {
  private fileGrants = new Map<string, ApiKeyGrant>();
  private readonly envGrants = new Map<string, ApiKeyGrant>();

  constructor(
    envKeys: ReadonlyMap<string, string>,
    private readonly keysFilePath: string,
    private readonly logger: Logger,
  ) {
    const everything = new Set(activityEventTypes);
    for (const [key, source] of envKeys) {
      this.envGrants.set(hashApiKey(key), { keyId: `env:${source}`, source, kind: 'secret', scopes: everything, origins: new Set() });
    }
    if (keysFilePath) this.fileGrants = this.load();
  }

  get size(): number {
    return this.fileGrants.size + this.envGrants.size;
  }

  lookup(key: string): ApiKeyGrant | undefined {
    const hash = hashApiKey(key);
    return this.fileGrants.get(hash) ?? this.envGrants.get(hash);
  }

  /** Every origin some publishable key allows: the CORS preflight answers for these. */
  allowsOrigin(origin: string): boolean {
    for (const grant of this.fileGrants.values()) if (grant.origins.has(origin)) return true;
    return false;
  }

  watch(): () => void {
    if (!this.keysFilePath) return () => undefined;
    const reload = () => {
      try {
        this.fileGrants = this.load();
        this.logger.info({ keys: this.fileGrants.size }, 'API keys reloaded');
      } catch (error) {
        this.logger.error({ err: error }, 'keys file refused; the previous keys stay in force');
      }
    };
    watchFile(this.keysFilePath, { interval: 1000 }, reload);
    return () => unwatchFile(this.keysFilePath, reload);
  }

  private load(): Map<string, ApiKeyGrant> {
    const grants = new Map<string, ApiKeyGrant>();
    for (const key of readKeysFile(this.keysFilePath).keys) {
      if (key.revokedAt) continue;
      grants.set(key.hash, { keyId: key.id, source: key.source, kind: key.kind, scopes: new Set(key.scopes), origins: new Set(key.origins) });
    }
    return grants;
  }
}
