export * from './capabilities.js';
export * from './properties.js';
