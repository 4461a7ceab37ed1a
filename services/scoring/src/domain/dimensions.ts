import { bantDimensions, type BantDimension } from '@leadflow/schemas';

/** Demographic dimensions: the latest profile wins, no decay. */
export const fitDimensions = ['companySizeRevenue', 'industry', 'roleSeniority', 'geography'] as const;
export type FitDimension = (typeof fitDimensions)[number];

/** Behavioural dimensions: decayed sums of contributions. */
export const intentDimensions = [
  'contentEngagement',
  'featureInterest',
  'questionQuality',
  'returnVisits',
  'sharingStakeholders',
] as const;
export type IntentDimension = (typeof intentDimensions)[number];

/** BANT dimensions: the latest answer wins, decayed slowly. */
export const readinessDimensions = bantDimensions;
export type ReadinessDimension = BantDimension;

export type ScoreKind = 'fit' | 'intent' | 'readiness';
