export { eraseLead, type LeadErasure } from './eraseLead';
