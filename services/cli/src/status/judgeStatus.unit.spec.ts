import { judgeStatus } from './judgeStatus';
import type { PipelineStatus } from './readPipelineStatus';

const partition = (lag: bigint, gap = 0n) => ({ topic: 'leads.scores.v1', partition: 0, stored: 5n, logStart: 0n, logEnd: 5n + lag, lag, gap, kafkaCommitted: 5n });
const status = (overrides: Partial<PipelineStatus>): PipelineStatus => ({
  groups: [],
  deadLetters: 0,
  pendingTimers: 0,
  overdueTimers: 0,
  parkedOutcomes: 0,
  lastScoredAt: null,
  ...overrides,
});

describe('judgeStatus', () => {
  it('finds nothing wrong with groups within the lag limit and no overdue timers', () => {
    expect(judgeStatus(status({ groups: [{ groupId: 'g', partitions: [partition(10n)] }], deadLetters: 3 }), { maxLag: 10 })).toEqual([]);
  });

  it('names lag over the limit, records deleted before they were applied, and overdue timers', () => {
    const problems = judgeStatus(status({ groups: [{ groupId: 'g', partitions: [partition(11n), partition(0n, 4n)] }], overdueTimers: 2 }), { maxLag: 10 });
    expect(problems).toEqual([
      'g leads.scores.v1/0: 11 records behind (more than 10)',
      'g leads.scores.v1/0: 4 records were deleted from the log before they were applied',
      '2 hand-off timers are more than a minute overdue',
    ]);
  });
});
