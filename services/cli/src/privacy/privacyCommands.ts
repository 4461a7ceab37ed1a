import type { Command } from 'commander';
import { subjectId } from '@leadflow/schemas';
import { eraseAndPublish } from './eraseAndPublish';
import { exportLead } from './exportLead';
import { withPrivacyTools } from './withPrivacyTools';

const leadIdOf = (value: string): string => {
  const parsed = subjectId.safeParse(value);
  if (!parsed.success) throw new Error(`not a lead id: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
};

/** `leadflow erase <leadId>` and `leadflow export <leadId>`: a person's right to be forgotten and to see their data. */
export function registerPrivacyCommands(program: Command, env: NodeJS.ProcessEnv = process.env): void {
  program
    .command('erase')
    .description('forget a person: destroy the keys of the lead and its visitors, append lead_erased and publish it through hand-off\'s outbox (idempotent; re-run after a crash)')
    .argument('<leadId>', 'the lead to erase')
    .action(async (leadId: string) => {
      const { erasure, published } = await withPrivacyTools(env, (tools) => eraseAndPublish(tools, leadIdOf(leadId), Date.now()));
      const event = published ? 'published' : "written to hand-off's outbox: it is published when hand-off runs";
      console.log(`erased ${erasure.leadId}: ${erasure.keysErased} data keys destroyed (lead and ${erasure.visitors.length} visitors); lead_erased ${erasure.event.eventId} ${event}`);
    });
  program
    .command('export')
    .description('print as JSON everything held about a person, personal fields opened')
    .argument('<leadId>', 'the lead to export')
    .action(async (leadId: string) => {
      const exported = await withPrivacyTools(env, ({ pool, keyring }) => exportLead(pool, keyring, leadIdOf(leadId)));
      console.log(JSON.stringify(exported, null, 2));
    });
}
