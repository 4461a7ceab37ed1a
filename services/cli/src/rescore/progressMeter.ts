/** Where progress goes: stderr, or anything with `write` (and `isTTY` when it is a terminal). */
export interface ProgressStream {
  isTTY?: boolean;
  write(chunk: string): unknown;
}

export interface ProgressMeter {
  update(done: number): void;
  finish(done: number): void;
}

const BAR_WIDTH = 30;
const REDRAW_MS = 100;

/**
 * Progress of `total` items on one line: a bar redrawn in place on a terminal (at most every
 * 100 ms), otherwise a plain line every 10% so that logs stay readable.
 */
export function progressMeter(noun: string, total: number, stream: ProgressStream, clock: () => number = Date.now): ProgressMeter {
  const started = clock();
  let drawnAt = -Infinity;
  let tenths = 0;
  const rate = (done: number) => Math.round(done / Math.max((clock() - started) / 1000, 0.001));
  const share = (done: number) => (total === 0 ? 1 : Math.min(1, done / total));
  const bar = (done: number) => {
    const filled = Math.round(share(done) * BAR_WIDTH);
    const pct = `${Math.floor(share(done) * 100)}%`.padStart(4);
    return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${pct} ${done}/${total} ${noun}  ${rate(done)} ${noun}/s`;
  };
  const line = (done: number) => `${done} of ${total} ${noun} (${Math.floor(share(done) * 100)}%), ${rate(done)} ${noun}/s\n`;
  return {
    update(done) {
      if (stream.isTTY) {
        if (clock() - drawnAt < REDRAW_MS) return;
        drawnAt = clock();
        stream.write(`\r${bar(done)}\x1b[K`);
        return;
      }
      const reached = Math.floor(share(done) * 10);
      if (reached <= tenths || reached >= 10) return;
      tenths = reached;
      stream.write(line(done));
    },
    finish(done) {
      stream.write(stream.isTTY ? `\r${bar(done)}\x1b[K\n` : line(done));
    },
  };
}
