// The entry of the messages feature: what other features and the app may use (eslint.config.js
// enforces it). Re-exports only, so importing it pulls in nothing the importer does not use.
export { MessagesCard } from './MessagesCard';
export { formatBytes } from './format';
export { postForm, type UploadProgress } from './upload';
