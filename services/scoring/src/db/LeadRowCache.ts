import type { LeadRow } from './LeadRow';

/**
 * Leads' rows as this process last saved them, each with the version its save gave the stored row.
 * A row is used only while the stored version is still that one: any other write (the re-grading
 * ticker, a rescore, another instance) gives a new version, and a save whose transaction rolled back
 * gave a version no committed row ever has (versions are random uuids, never reused). The least
 * recently used rows are dropped beyond `capacity`.
 */
export class LeadRowCache {
  private readonly rows = new Map<string, { version: string; row: LeadRow }>();

  constructor(readonly capacity: number) {}

  /** The row saved with `version`, or undefined when another write came since (or none was kept). */
  get(leadId: string, version: string | null): LeadRow | undefined {
    const entry = this.rows.get(leadId);
    if (!entry || version === null || entry.version !== version) return undefined;
    this.rows.delete(leadId);
    this.rows.set(leadId, entry);
    return entry.row;
  }

  /** Keeps `row` as saved with `version` (rows are never changed once made: the domain returns new ones). */
  put(row: LeadRow, version: string): void {
    this.rows.delete(row.leadId);
    this.rows.set(row.leadId, { version, row });
    while (this.rows.size > this.capacity) {
      const oldest = this.rows.keys().next();
      if (oldest.done) break;
      this.rows.delete(oldest.value);
    }
  }

  get size(): number {
    return this.rows.size;
  }
}
