import type { Assignment, HandoffContext } from '@leadflow/schemas';
import type { RoutingRule, RoutingRules, TeamRules } from './routingRules';

/** The rule name an assignment carries when no rule matched. */
export const FALLBACK_RULE = 'fallback';

type LeadFacts = { topFeature?: string; country?: string; companySize?: number };

const factsOf = (context: HandoffContext | undefined): LeadFacts => ({
  topFeature: context?.topFeatures[0]?.feature,
  country: context?.profile.country?.toUpperCase(),
  companySize: context?.profile.companySize,
});

const within = (value: number | undefined, min = 1, max = Infinity) =>
  value !== undefined && value >= min && value <= max;

function matches(rule: RoutingRule, lead: LeadFacts): boolean {
  const { features, countries, minCompanySize, maxCompanySize } = rule;
  if (features && !(lead.topFeature !== undefined && features.includes(lead.topFeature))) return false;
  if (countries && !(lead.country !== undefined && countries.includes(lead.country))) return false;
  const sized = minCompanySize !== undefined || maxCompanySize !== undefined;
  return !sized || within(lead.companySize, minCompanySize, maxCompanySize);
}

/** Round-robin over the available owners, so that owners away take no turn; the lead when none is in. */
function ownerInTurn(team: TeamRules, rotation: number): string {
  const available = team.owners.filter((o) => o.available);
  const turn = ((rotation % available.length) + available.length) % available.length;
  return available[turn]?.id ?? team.lead;
}

/**
 * Who gets a sales-qualified lead. Rules are tried in order and the first match wins, so the
 * specialist rules come first: a lead that needs a specialist dies with a generalist. Inside the
 * team it is the turn of `rotations[team]`, which the shell advances (see `nextRotations`).
 */
export function routeLead(
  context: HandoffContext | undefined,
  routing: RoutingRules,
  rotations: Readonly<Record<string, number>>,
): Assignment {
  const lead = factsOf(context);
  const rule = routing.rules.find((r) => matches(r, lead));
  const teamName = rule?.team ?? routing.fallbackTeam;
  const team = routing.teams[teamName];
  if (!team) throw new Error(`routing rules name no team ${teamName}`);
  return { owner: ownerInTurn(team, rotations[teamName] ?? 0), team: teamName, rule: rule?.name ?? FALLBACK_RULE };
}
