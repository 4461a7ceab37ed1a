export { sampleJourneys, type Journey, type PostedEventBody } from './simulate/sampleJourneys';
export { postEvents, type PostResult } from './simulate/postEvents';
export { readLeadCurrent, waitForLeads, type LeadCurrentRow } from './demo/readLeadCurrent';
