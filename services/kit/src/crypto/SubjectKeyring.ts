import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { openValue, sealValue, type DataKey } from './fieldCipher';
import { LruCache } from './LruCache';
import type { MasterKeys } from './MasterKeys';
import { parseSealedField } from './SealedField';
import { subjectName, type Subject } from './Subject';

/** What opening a personal field gives: its plaintext, or why there is none. Never thrown. */
export type OpenedField =
  | { status: 'open'; value: string }
  /** The subject's keys were erased: the field is gone for good. */
  | { status: 'erased' }
  /** Not an envelope, sealed for another field, tampered with, or its key is unknown here. */
  | { status: 'unreadable' };

interface KeyRow {
  subject: string;
  key_version: number;
  wrapped_key: Buffer;
  master_key_id: string;
}

export interface KeyringOptions {
  /** Data keys held in memory. */
  cacheSize?: number;
  /** How long a cached key is used before it is read again (an erasure elsewhere is seen by then). */
  cacheTtlMs?: number;
}

/**
 * The data keys of leads and visitors: created on first use (race-safe: `on conflict do nothing`,
 * then everyone reads the winner), kept in `subject_keys` wrapped by the master key, cached
 * unwrapped in a bounded LRU for a short while.
 */
export class SubjectKeyring {
  private readonly cache: LruCache<string, DataKey>;

  constructor(
    private readonly pool: Pool,
    private readonly masters: MasterKeys,
    options: KeyringOptions = {},
  ) {
    this.cache = new LruCache(options.cacheSize ?? 10_000, options.cacheTtlMs ?? 60_000);
  }

  /** The current data key of each subject, created for those that have none. One round trip for all missing ones. */
  async sealingKeys(subjects: readonly Subject[]): Promise<Map<string, DataKey>> {
    const keys = new Map<string, DataKey>();
    const missing = new Map<string, Subject>();
    for (const subject of subjects) {
      const name = subjectName(subject);
      const cached = this.cache.get(`${name}@current`);
      if (cached) keys.set(name, cached);
      else missing.set(name, subject);
    }
    if (missing.size === 0) return keys;
    for (const key of await this.createMissing([...missing.values()])) {
      const name = subjectName(key.subject);
      keys.set(name, key);
      this.cache.set(`${name}@current`, key);
      this.cache.set(`${name}@${key.version}`, key);
    }
    return keys;
  }

  /** Seals a value with the subject's current key (created if needed). */
  async seal(subject: Subject, field: string, plaintext: string): Promise<string> {
    const key = (await this.sealingKeys([subject])).get(subjectName(subject)) as DataKey;
    return sealValue(key, field, plaintext);
  }

  /** Opens an envelope with the key it names; an erased subject gives `erased`, never an exception. */
  async open(field: string, envelope: string): Promise<OpenedField> {
    const parsed = parseSealedField(envelope);
    if (!parsed) return { status: 'unreadable' };
    const key = await this.keyOf(parsed.subject, parsed.keyVersion);
    if (key === 'erased') return { status: 'erased' };
    if (!key) return { status: 'unreadable' };
    const value = openValue(key, field, envelope);
    return value === undefined ? { status: 'unreadable' } : { status: 'open', value };
  }

  /** Forgets cached keys of subjects, e.g. right after erasing them in this process. */
  forget(subjects: readonly Subject[]): void {
    for (const subject of subjects) {
      const name = subjectName(subject);
      this.cache.delete(`${name}@current`);
      for (let version = 1; version <= 16; version++) this.cache.delete(`${name}@${version}`);
    }
  }

  private async keyOf(subject: Subject, version: number): Promise<DataKey | 'erased' | undefined> {
    const name = subjectName(subject);
    const cached = this.cache.get(`${name}@${version}`);
    if (cached) return cached;
    const { rows } = await this.pool.query<KeyRow & { erased: boolean }>(
      `select k.subject, k.key_version, k.wrapped_key, k.master_key_id, false as erased
         from subject_keys k where k.subject = $1 and k.key_version = $2
       union all
       select e.subject, e.last_key_version, ''::bytea, '', true
         from subject_erasures e where e.subject = $1 and e.last_key_version >= $2`,
      [name, version],
    );
    const row = rows.find((r) => !r.erased);
    if (!row) return rows.length > 0 ? 'erased' : undefined;
    const key = this.unwrapped(subject, row);
    this.cache.set(`${name}@${version}`, key);
    return key;
  }

  private async createMissing(subjects: Subject[]): Promise<DataKey[]> {
    const names = subjects.map(subjectName);
    const { rows: erasures } = await this.pool.query<{ subject: string; last_key_version: number }>(
      'select subject, last_key_version from subject_erasures where subject = any($1)',
      [names],
    );
    const firstVersion = new Map(erasures.map((e) => [e.subject, e.last_key_version + 1]));
    const fresh = names.map((name) => {
      const version = firstVersion.get(name) ?? 1;
      return { name, version, ...this.masters.wrap(name, version, randomBytes(32)) };
    });
    // A subject that already has a key keeps it; of two processes creating one at once, one wins and both read it.
    await this.pool.query(
      `insert into subject_keys (subject, key_version, wrapped_key, master_key_id)
       select f.subject, f.key_version, f.wrapped_key, f.master_key_id
         from unnest($1::text[], $2::int[], $3::bytea[], $4::text[]) as f(subject, key_version, wrapped_key, master_key_id)
        where not exists (select 1 from subject_keys k where k.subject = f.subject)
       on conflict (subject, key_version) do nothing`,
      [fresh.map((f) => f.name), fresh.map((f) => f.version), fresh.map((f) => f.wrapped), fresh.map((f) => f.masterKeyId)],
    );
    const { rows } = await this.pool.query<KeyRow>(
      `select distinct on (subject) subject, key_version, wrapped_key, master_key_id
         from subject_keys where subject = any($1) order by subject, key_version desc`,
      [names],
    );
    const bySubject = new Map(subjects.map((s) => [subjectName(s), s]));
    return rows.map((row) => this.unwrapped(bySubject.get(row.subject) as Subject, row));
  }

  private unwrapped(subject: Subject, row: KeyRow): DataKey {
    const key = this.masters.unwrap(row.subject, row.key_version, { masterKeyId: row.master_key_id, wrapped: row.wrapped_key });
    return { subject, version: row.key_version, key };
  }
}
