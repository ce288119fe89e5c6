export * from './escape/index.js';
export * from './diagrams/index.js';
