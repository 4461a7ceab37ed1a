import type { Assignment } from '@leadflow/schemas';
import type { RoutingRules } from './routingRules';

/**
 * Who takes over a lead whose owner missed the SLA: the next available owner of the team after
 * the current one, else the team lead. A team no longer in the rules hands over to the fallback team.
 */
export function escalationAssignment(current: Assignment, routing: RoutingRules): Assignment {
  const known = routing.teams[current.team];
  const teamName = known ? current.team : routing.fallbackTeam;
  const team = known ?? routing.teams[routing.fallbackTeam];
  if (!team) throw new Error(`routing rules name no team ${routing.fallbackTeam}`);
  const at = team.owners.findIndex((o) => o.id === current.owner);
  const after = [...team.owners.slice(at + 1), ...team.owners.slice(0, at + 1)];
  const next = after.find((o) => o.available && o.id !== current.owner);
  return { owner: next?.id ?? team.lead, team: teamName, rule: current.rule };
}
