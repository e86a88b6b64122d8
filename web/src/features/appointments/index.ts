// The entry of the appointments feature: what other features and the app may use (eslint.config.js
// enforces it). Re-exports only, so importing it pulls in nothing the importer does not use.
export { NextVisitCard } from './NextVisitCard';
export { useAppointments } from './api';
export { IdempotencyKeys, newIdempotencyKey, useIdempotencyKeys, withKey } from './idempotency';
