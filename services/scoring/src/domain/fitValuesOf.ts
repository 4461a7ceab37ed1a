import type { ConversationEvent } from '@leadflow/schemas';
import type { FitDimension } from './dimensions';
import type { EventPosition, LatestValue } from './leadScoreState';
import type { ScoringModel } from './scoringModel';

type Profile = Extract<ConversationEvent, { type: 'profile_captured' }>['payload'];
type Band = ScoringModel['fit']['companySizeBands'][number];
type Valued = Omit<LatestValue, keyof EventPosition>;

const normalized = (s: string): string => s.trim().toLowerCase();
const includes = (list: readonly string[], value: string): boolean =>
  list.some((x) => normalized(x) === normalized(value));

const bandPoints = (bands: readonly Band[], value: number | undefined): number =>
  value === undefined
    ? 0
    : Math.max(
        0,
        ...bands.filter((b) => value >= b.min && (b.max === undefined || value < b.max)).map((b) => b.points),
      );

function companySizeRevenue(p: Profile, model: ScoringModel): Valued | undefined {
  if (p.companySize === undefined && p.annualRevenue === undefined) return undefined;
  return {
    points: Math.max(
      bandPoints(model.fit.companySizeBands, p.companySize),
      bandPoints(model.fit.revenueBands, p.annualRevenue),
    ),
  };
}

function industry(p: Profile, model: ScoringModel): Valued | undefined {
  if (p.industry === undefined) return undefined;
  const name = p.industry;
  if (includes(model.negativeSignals.competitorIndustries, name))
    return { points: 0, disqualifiedBy: `competitor industry ${name}` };
  const tier = model.fit.industryTiers.find((t) => includes(t.industries, name));
  return { points: tier ? tier.points : model.fit.otherIndustryPoints };
}

function roleSeniority(p: Profile, model: ScoringModel): Valued | undefined {
  if (p.seniority === undefined) return undefined;
  const points = model.fit.seniorityPoints[p.seniority];
  return model.negativeSignals.disqualifyingSeniorities.includes(p.seniority)
    ? { points, disqualifiedBy: `seniority ${p.seniority}` }
    : { points };
}

function geography(p: Profile, model: ScoringModel): Valued | undefined {
  if (p.country === undefined) return undefined;
  if (model.fit.servedCountries.includes(p.country)) return { points: model.fit.servedCountryPoints };
  return model.negativeSignals.disqualifyOutsideServedCountries
    ? { points: 0, disqualifiedBy: `country ${p.country} not served` }
    : { points: 0 };
}

const valuers: Record<FitDimension, (p: Profile, model: ScoringModel) => Valued | undefined> = {
  companySizeRevenue,
  industry,
  roleSeniority,
  geography,
};

/** The fit values a captured profile sets; dimensions it says nothing about are left out. */
export function fitValuesOf(
  profile: Profile,
  at: EventPosition,
  model: ScoringModel,
): Partial<Record<FitDimension, LatestValue>> {
  const values: Partial<Record<FitDimension, LatestValue>> = {};
  for (const dimension of Object.keys(valuers) as FitDimension[]) {
    const valued = valuers[dimension](profile, model);
    if (valued) values[dimension] = { ...at, ...valued };
  }
  return values;
}
