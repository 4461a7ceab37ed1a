import fc from 'fast-check';
import { heldActivityBound, pruneCutoff } from '../stitching/heldActivityBound';
import { appliedFloorAt, checkAppliedFloor, retentionStreamTime } from './appliedFloor';

const DAY_MS = 86_400_000;
const day = (n: number) => n * DAY_MS;

describe('the applied event ids floor', () => {
  it('lies the horizon plus the margin behind the stream, on a day boundary', () => {
    expect(appliedFloorAt({ horizonDays: 365, marginDays: 30 }, day(1000) + 5_000)).toBe(day(605));
  });

  it('never keeps less than the horizon plus the margin, and never rises by going back in stream time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3650 }), fc.integer({ min: 0, max: 365 }), fc.integer({ min: 0, max: 4e12 }), fc.integer({ min: 0, max: 4e12 }), (horizonDays, marginDays, a, b) => {
        const bound = { horizonDays, marginDays };
        expect(appliedFloorAt(bound, a)).toBeLessThanOrEqual(a - day(horizonDays + marginDays));
        expect(appliedFloorAt(bound, a)).toBeGreaterThan(a - day(horizonDays + marginDays + 1));
        if (a <= b) expect(appliedFloorAt(bound, a)).toBeLessThanOrEqual(appliedFloorAt(bound, b));
      }),
    );
  });

  it('keeps every id a released held event can carry, when the margin covers the grace of held activity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3650 }), fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 4e12 }), (horizonDays, graceDays, streamTime) => {
        const held = { ...heldActivityBound(horizonDays), graceDays };
        expect(appliedFloorAt({ horizonDays, marginDays: graceDays }, streamTime)).toBeLessThanOrEqual(pruneCutoff(held, streamTime));
      }),
    );
  });

  it('refuses only events that occurred before it, naming why', () => {
    expect(checkAppliedFloor({ occurredAt: day(10) }, null)).toBeUndefined();
    expect(checkAppliedFloor({ occurredAt: day(10) }, day(10))).toBeUndefined();
    expect(checkAppliedFloor({ occurredAt: day(10) - 1 }, day(10))).toMatch(/^event occurred before 1970-01-11T00:00:00.000Z, older than scoring still deduplicates/);
  });

  it('follows the latest event time, but not past the wall clock and the future skew ingest allows', () => {
    expect(retentionStreamTime(day(100), day(500))).toBe(day(100));
    expect(retentionStreamTime(day(900), day(500))).toBe(day(500) + 5 * 60_000);
  });
});
