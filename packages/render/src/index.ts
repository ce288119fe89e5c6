export * from './escape/index.js';
export * from './diagrams/index.js';
export * from './data/index.js';
export * from './tables/index.js';
export * from './reports/index.js';
export * from './backlog/index.js';
export * from './history/index.js';
