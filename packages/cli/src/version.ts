/** This build's version, set by the bundler; its own module, so commands read it without importing main.ts (no cycles). */
declare const __THREATWRIGHT_VERSION__: string | undefined;
export const VERSION = typeof __THREATWRIGHT_VERSION__ === 'string' ? __THREATWRIGHT_VERSION__ : '0.0.0-dev';
