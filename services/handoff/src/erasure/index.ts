export { eraseLead, type ErasureDeps, type LeadErasure } from './eraseLead';
export { HandoffStoreMissing } from './HandoffStoreMissing';
