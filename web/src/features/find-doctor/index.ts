// The entry of the find-doctor feature: what other features and the app may use (eslint.config.js
// enforces it). Re-exports only, so importing it pulls in nothing the importer does not use.
export { SlotPicker } from './SlotPicker';
export { useClinician, useSlots } from './api';
export { useDirectoryLabels } from './labels';
export {
  addDays,
  dayKey,
  formatDayAndTime,
  formatMoment,
  formatTimeWithZone,
  patientTimeZone,
  zonesDiffer,
} from './time';
export { useFocusHeadingWhenReady } from './useFocusHeading';
