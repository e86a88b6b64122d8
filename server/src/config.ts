// The configuration lives in config/, one file per area; this path stays for the code that imports it.
export * from './config/index.js';
