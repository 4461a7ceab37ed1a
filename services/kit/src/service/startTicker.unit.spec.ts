import { createLogger } from '../logging/createLogger';
import { startTicker } from './startTicker';

const HOUR_MS = 3_600_000;

describe('a ticker', () => {
  const logger = createLogger('ticker-test', 'silent');

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('stops while it waits for its next tick without leaving its timer behind', async () => {
    // prepare: a ticker that has done its first step and waits an hour
    let steps = 0;
    const ticker = startTicker('waiting', async () => ({ more: (steps += 1) < 0 }), HOUR_MS, logger);
    while (jest.getTimerCount() === 0) await Promise.resolve();

    // act: the hour never passes
    await ticker.stop();

    // assert
    expect(steps).toBe(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('stopped during a step, ends after it without waiting for the next tick', async () => {
    // prepare: a step in flight
    let finishStep: () => void = () => undefined;
    let stepStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (stepStarted = resolve));
    const ticker = startTicker('busy', () => {
      stepStarted();
      return new Promise<{ more: boolean }>((resolve) => (finishStep = () => resolve({ more: false })));
    }, HOUR_MS, logger);
    await started;

    // act
    const stopped = ticker.stop();
    finishStep();
    await stopped;

    // assert
    expect(jest.getTimerCount()).toBe(0);
  });
});
