export { ingestConfigSchema, type IngestConfig } from './config';
export { startIngest, type RunningIngest } from './startIngest';
export { buildIngestApp } from './http/buildIngestApp';
export { validateBatch } from './http/validateBatch';
export { encodeRouted, type RoutedRecord } from './kafka/RoutedRecord';
export { signWebhook, verifyWebhookSignature, verifyWebhookSignatures } from './http/verifyWebhookSignature';
export * from './keys';
export { readLeadContact } from './contact/readLeadContact';
export type { ContactLookup, LeadContact } from './contact/LeadContact';
