import { z } from 'zod';

/**
 * The parts of scoring one process can run: identity stitching, the fold, the re-grading ticker and
 * the retention ticker. Every part is safe to run in several processes at once (consumer groups
 * share partitions, tickers skip rows another holds), so the work can be split any way.
 */
export const scoringRoles = ['stitching', 'fold', 'regrade', 'retention'] as const;
export type ScoringRole = (typeof scoringRoles)[number];

/** `SCORING_ROLES`: a comma-separated list of roles, at least one, each known. */
export const scoringRolesSchema = z
  .string()
  .default(scoringRoles.join(','))
  .transform((text, ctx): ReadonlySet<ScoringRole> => {
    const named = text.split(',').map((role) => role.trim()).filter((role) => role.length > 0);
    const unknown = named.filter((role) => !(scoringRoles as readonly string[]).includes(role));
    if (unknown.length > 0) ctx.addIssue({ code: 'custom', message: `unknown role ${unknown.join(', ')} (expected some of ${scoringRoles.join(', ')})` });
    if (named.length === 0) ctx.addIssue({ code: 'custom', message: `names no role (expected some of ${scoringRoles.join(', ')})` });
    return new Set(named as ScoringRole[]);
  });
