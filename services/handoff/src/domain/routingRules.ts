import { z } from 'zod';

const name = z.string().min(1).max(128);
const countryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as DE');
const companySize = z.int().min(1);

const owner = z.strictObject({ id: name, available: z.boolean().default(true) });

/** A team takes leads in turn among its available owners; its lead takes them when none is. */
const team = z
  .strictObject({ lead: name, owners: z.array(owner) })
  .refine((t) => new Set(t.owners.map((o) => o.id)).size === t.owners.length, {
    path: ['owners'],
    message: 'expected each owner once',
  });

/** Every condition a rule states must hold; a rule states at least one. */
const rule = z
  .strictObject({
    name,
    team: name,
    features: z.array(name).min(1).optional(),
    countries: z.array(countryCode).min(1).optional(),
    minCompanySize: companySize.optional(),
    maxCompanySize: companySize.optional(),
  })
  .refine((r) => [r.features, r.countries, r.minCompanySize, r.maxCompanySize].some((c) => c !== undefined), {
    message: 'expected at least one of features, countries, minCompanySize, maxCompanySize',
  })
  .refine((r) => (r.minCompanySize ?? 0) <= (r.maxCompanySize ?? Infinity), {
    path: ['maxCompanySize'],
    message: 'expected maxCompanySize to be at least minCompanySize',
  });

/** Which team gets a sales-qualified lead: the first rule that matches, else the fallback team. */
export const routingRulesSchema = z
  .strictObject({
    rules: z.array(rule),
    fallbackTeam: name,
    teams: z.record(name, team),
  })
  .superRefine((routing, ctx) => {
    const unknown = (team: string) => !Object.hasOwn(routing.teams, team);
    routing.rules.forEach((r, i) => {
      if (unknown(r.team)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'team'], message: `unknown team ${r.team}` });
      if (routing.rules.findIndex((other) => other.name === r.name) !== i)
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'name'], message: `rule name ${r.name} used twice` });
    });
    if (unknown(routing.fallbackTeam))
      ctx.addIssue({ code: 'custom', path: ['fallbackTeam'], message: `unknown team ${routing.fallbackTeam}` });
  });

export type RoutingRules = z.infer<typeof routingRulesSchema>;
export type TeamRules = RoutingRules['teams'][string];
export type RoutingRule = RoutingRules['rules'][number];
