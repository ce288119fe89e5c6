export * from './model/schema.js';
export type * from './model/types.js';
export * from './issues.js';
export * from './load/index.js';
