import { progressMeter } from './progressMeter';

function recorder(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, write: (chunk: string) => written.push(chunk) }, written };
}

describe('progressMeter', () => {
  it('on a terminal, redraws one line in place with the count and the rate, at most every 100 ms', () => {
    const { stream, written } = recorder(true);
    let now = 0;
    const meter = progressMeter('events', 200, stream, () => now);

    now = 1000;
    meter.update(50);
    now = 1050;
    meter.update(60);
    now = 2000;
    meter.finish(200);

    const clearToEnd = '\u001b[K';
    expect(written).toEqual([
      `\r[${'#'.repeat(8)}${'-'.repeat(22)}]  25% 50/200 events  50 events/s${clearToEnd}`,
      `\r[${'#'.repeat(30)}] 100% 200/200 events  100 events/s${clearToEnd}\n`,
    ]);
  });

  it('elsewhere, writes a plain line every tenth of the way and one at the end', () => {
    const { stream, written } = recorder(false);
    let now = 0;
    const meter = progressMeter('events', 100, stream, () => now);

    for (let done = 1; done <= 100; done += 1) {
      now = done * 10;
      meter.update(done);
    }
    meter.finish(100);

    expect(written).toHaveLength(10);
    expect(written[0]).toBe('10 of 100 events (10%), 100 events/s\n');
    expect(written[9]).toBe('100 of 100 events (100%), 100 events/s\n');
  });
});
