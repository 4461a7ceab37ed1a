export { classifyFault, transientKindOf, type FaultKind } from './classifyFault';
export { backoffDelay, type BackoffPolicy } from './backoffDelay';
