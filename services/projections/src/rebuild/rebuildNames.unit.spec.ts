import { ConfigError } from '@leadflow/kit';
import { quoted, rebuildNames } from './rebuildNames';

describe('the schemas of a rebuild', () => {
  it('are named after the live schema and the start time in UTC, to the second', () => {
    const names = rebuildNames('analytics', Date.parse('2026-11-25T15:41:09.731Z'));

    expect(names).toEqual({
      live: 'analytics',
      rebuild: 'analytics_rebuild_20261125154109',
      old: 'analytics_old_20261125154109',
      rebuildPrefix: 'analytics_rebuild_',
    });
  });

  it('are refused when Postgres would truncate them', () => {
    expect(() => rebuildNames('a'.repeat(41), 0)).toThrow(ConfigError);
  });

  it('are quoted as identifiers', () => {
    expect(quoted('odd"name')).toBe('"odd""name"');
  });
});
