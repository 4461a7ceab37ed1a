import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { TrackedLinkRequest } from '@leadflow/schemas';

export interface TrackedLink extends TrackedLinkRequest {
  code: string;
}

const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Eight characters of an unambiguous alphabet: short enough to type, too many to guess (about 10^14). */
function newCode(): string {
  return [...randomBytes(8)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');
}

/** Tracked links in Postgres, with the latest lookups kept in memory (a link never changes). */
export class TrackedLinkStore {
  private readonly cache = new Map<string, TrackedLink>();

  constructor(
    private readonly pool: Pool,
    private readonly cacheSize = 10_000,
  ) {}

  async create(link: TrackedLinkRequest, createdBy: string): Promise<TrackedLink> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const code = newCode();
      const { rowCount } = await this.pool.query(
        `insert into tracked_links (code, campaign, source, medium, variant, target_url, created_by)
         values ($1, $2, $3, $4, $5, $6, $7) on conflict (code) do nothing`,
        [code, link.campaign, link.source, link.medium, link.variant ?? null, link.targetUrl, createdBy],
      );
      if (rowCount === 1) return { code, ...link };
    }
    throw new Error('no free link code after 5 attempts');
  }

  async find(code: string): Promise<TrackedLink | undefined> {
    const cached = this.cache.get(code);
    if (cached) return cached;
    const { rows } = await this.pool.query<{ campaign: string; source: string; medium: string; variant: string | null; target_url: string }>(
      'select campaign, source, medium, variant, target_url from tracked_links where code = $1',
      [code],
    );
    const row = rows[0];
    if (!row) return undefined;
    const link: TrackedLink = { code, campaign: row.campaign, source: row.source, medium: row.medium, targetUrl: row.target_url, ...(row.variant ? { variant: row.variant } : {}) };
    if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(code, link);
    return link;
  }
}
