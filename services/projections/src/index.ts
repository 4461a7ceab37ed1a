export { projectionsConfigSchema, type ProjectionsConfig } from './config';
export { startProjections, type RunningProjections } from './startProjections';
export { foldStageChanges, stageAfter } from './domain/foldStageChanges';
export * from './rebuild';
