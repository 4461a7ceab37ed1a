import { day, defaultModel, journey } from './activityFixtures.spec';
import { checkEventAge } from './checkEventAge';

const model = defaultModel();
const e = journey();

describe('checkEventAge', () => {
  it('accepts an event within the horizon, to the day', () => {
    expect(checkEventAge(e('page_viewed', { url: '/pricing' }, day(0)), model, day(365))).toBeUndefined();
  });

  it('explains why an event beyond the horizon is not scored', () => {
    expect(checkEventAge(e('page_viewed', { url: '/pricing' }, day(0)), model, day(400))).toBe(
      'event occurred 400 days ago, beyond the 365-day horizon of model default.v1',
    );
  });
});
