import type { ActivityEvent } from '@leadflow/schemas';
import { routeActivity } from './routeActivity';

let n = 0;
const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const envelope = { occurredAt: 1_000, receivedAt: 1_000, source: 'test' };
const view = (subject: { leadId?: string; anonymousId?: string }): ActivityEvent => ({
  ...envelope,
  ...subject,
  eventId: id(),
  type: 'page_viewed',
  payload: { url: '/pricing' },
});
const identify = (anonymousId: string, leadId: string): ActivityEvent => ({
  ...envelope,
  eventId: id(),
  leadId,
  anonymousId,
  type: 'lead_identified',
  payload: { anonymousId, leadId },
});

describe('routeActivity', () => {
  it('leaves activity that names its lead to the fold, visitor id or not', () => {
    const events = [view({ leadId: 'vera' }), view({ leadId: 'vera', anonymousId: 'v-9' })];

    const routes = routeActivity(events, new Map([['v-9', 'someone-else']]));

    expect(routes).toEqual({ forward: [], hold: [], identified: [] });
  });

  it('holds an unknown visitor’s activity and forwards an identified visitor’s under the lead', () => {
    const unknown = view({ anonymousId: 'v-1' });
    const known = view({ anonymousId: 'v-2' });

    const routes = routeActivity([unknown, known], new Map([['v-2', 'nadia']]));

    expect(routes.hold).toEqual([unknown]);
    expect(routes.forward).toEqual([{ ...known, leadId: 'nadia' }]);
  });

  it('identifies a visitor once: the first lead wins, the later identification still reaches its lead', () => {
    const first = identify('v-1', 'nadia');
    const second = identify('v-1', 'impostor');
    const after = view({ anonymousId: 'v-1' });

    const routes = routeActivity([first, second, after], new Map([['v-1', null]]));

    expect(routes.identified).toEqual([{ anonymousId: 'v-1', leadId: 'nadia', at: 1_000 }]);
    // the identifications themselves name their leads: the fold takes them from the identity topic
    expect(routes.forward.map((e) => [e.type, e.leadId])).toEqual([['page_viewed', 'nadia']]);
    expect(routes.hold).toEqual([]);
  });

  it('keeps an identification of an already identified visitor from re-assigning its history', () => {
    const routes = routeActivity([identify('v-1', 'other')], new Map([['v-1', 'nadia']]));

    expect(routes.identified).toEqual([]);
  });
});
