export { checkEventAge } from './checkEventAge';
export { DAY_MS, decayedValue, addToDecayedSum, mergeDecayedSums, decayedSumAt, type DecayedSum } from './decay';
export {
  fitDimensions,
  intentDimensions,
  readinessDimensions,
  type FitDimension,
  type IntentDimension,
  type ReadinessDimension,
  type ScoreKind,
} from './dimensions';
export { evaluateScores, type ScoreEvaluation } from './evaluateScores';
export { foldActivity } from './foldActivity';
export { gradeFor } from './gradeFor';
export { handoffContextOf } from './handoffContextOf';
export {
  initialLeadScoreState,
  type LeadScoreState,
  type LatestValue,
  type Contribution,
  type TrackedFeature,
  type ContactConsent,
  type EventPosition,
  type BantAnswer,
  type HandoffFacts,
} from './leadScoreState';
export { leadActivityOf } from './leadActivityOf';
export { routeActivity, type ActivityRoutes, type Identification } from './routeActivity';
export { mostExploredFeature } from './mostExploredFeature';
export { nextGradeCrossing, type GradeCrossing } from './nextGradeCrossing';
export { parseScoringModel, scoringModelSchema, type ScoringModel, type ParsedScoringModel } from './scoringModel';
export { byEventTime, emptyLeadHistory, withEvents, type LeadHistory } from './leadHistory';
export { applyToTrajectory, type ScoredLead, type TrajectoryPoint } from './leadTrajectory';
