export * from './problem.js';
export * from './common.js';
export * from './auth.js';
export * from './organizations.js';
export * from './patients.js';
export * from './admin.js';
export * from './directory.js';
export * from './scheduling.js';
