export { projectionsConfigSchema, type ProjectionsConfig } from './config';
export { startProjections } from './startProjections';
export { foldStageChanges, stageAfter } from './domain/foldStageChanges';
