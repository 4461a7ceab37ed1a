/** The pure core of projections: what a batch of events changes in the read models. */
export { stageAfter, type StageEvent } from './stageAfter';
export { stageOrder, supersedesStage } from './stageOrder';
export { foldStageChanges, noStageChange, type StageChange } from './foldStageChanges';
export { leadTransitionOf, leadTransitionsOf, type LeadTransitionRow } from './leadTransitionsOf';
export { isNewerScore } from './isNewerScore';
export { foldLatestScores, type LeadScoresChange, type TouchFacts } from './foldLatestScores';
export { foldGradeDays, utcDayOf, type GradeDay } from './foldGradeDays';
export { slaFactsOf, type SlaFact } from './slaFactsOf';
export { salesActivityOf, type SalesActivity } from './salesActivityOf';
export { campaignCostsOf, type CampaignCost } from './campaignCostsOf';
export { attributionOf, type Attribution } from './attributionOf';
export { foldVisitorSightings, type VisitEvent, type VisitorSighting } from './foldVisitorSightings';
export { retractedEventIds } from './retractedEventIds';
