export { projectionsConfigSchema, type ProjectionsConfig } from './config';
export { startProjections, type RunningProjections } from './startProjections';
export { projectionsGroups } from './consumerGroups';
export { foldStageChanges, stageAfter } from './domain/foldStageChanges';
export * from './rebuild';
