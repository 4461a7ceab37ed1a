export { compactInputs } from './compactInputs';
export { effectiveEvents } from './effectiveEvents';
export { commandOf, inputIdOf, leadInputOf, type LeadInput } from './leadInput';
export { reconcileLead, type Compensation } from './reconcileLead';
export { CONSENT_WITHDRAWN_EARLIER, LATE_INPUT, redecideAndCompensate } from './redecideAndCompensate';
export { redecideLead, type HeldOutcome, type Redecision } from './redecideLead';
export { isRetraction, retractionOf } from './retractionOf';
