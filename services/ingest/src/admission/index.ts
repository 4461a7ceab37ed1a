export { takeTokens, type TokenBucket, type TakeResult } from './TokenBucket';
export { RateLimiter } from './RateLimiter';
export { InflightBudget, type Reservation } from './InflightBudget';
