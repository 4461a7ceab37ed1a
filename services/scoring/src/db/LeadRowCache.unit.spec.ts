import { emptyLeadHistory, initialLeadScoreState } from '../domain';
import type { LeadRow } from './LeadRow';
import { LeadRowCache } from './LeadRowCache';

const rowOf = (leadId: string, eventsApplied = 0): LeadRow => ({
  leadId,
  state: { ...initialLeadScoreState(), eventsApplied },
  streamTime: 0,
  lastEmitted: null,
  nextCrossingAt: null,
  history: emptyLeadHistory(),
});

describe('LeadRowCache', () => {
  it('gives a row back only for the version it was saved with', () => {
    const cache = new LeadRowCache(10);
    const row = rowOf('a', 3);
    cache.put(row, 'v1');

    expect(cache.get('a', 'v1')).toBe(row);
    expect(cache.get('a', 'v2')).toBeUndefined();
    expect(cache.get('a', null)).toBeUndefined();
    expect(cache.get('b', 'v1')).toBeUndefined();
  });

  it('keeps the row of the latest save', () => {
    const cache = new LeadRowCache(10);
    cache.put(rowOf('a', 1), 'v1');
    const later = rowOf('a', 2);
    cache.put(later, 'v2');

    expect(cache.get('a', 'v1')).toBeUndefined();
    expect(cache.get('a', 'v2')).toBe(later);
    expect(cache.size).toBe(1);
  });

  it('drops the least recently used rows beyond its capacity', () => {
    const cache = new LeadRowCache(2);
    cache.put(rowOf('a'), 'va');
    cache.put(rowOf('b'), 'vb');
    cache.get('a', 'va');
    cache.put(rowOf('c'), 'vc');

    expect(cache.size).toBe(2);
    expect(cache.get('b', 'vb')).toBeUndefined();
    expect(cache.get('a', 'va')).toBeDefined();
    expect(cache.get('c', 'vc')).toBeDefined();
  });
});
