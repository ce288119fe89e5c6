export { createApp, DEFAULT_MAX_BODY, type AppDeps } from './app.js';
export { ModelStore, writeAtomic, versionOf } from './model-store.js';
export { startServer, acceptedHosts, isLoopback, DEFAULT_HOST, type StartOptions, type RunningServer } from './node.js';
export { CONTENT_SECURITY_POLICY } from './security.js';
export { HttpError } from './errors.js';
export { applyModel, patchDocument, patchYaml, ParsedYaml } from './yaml-patch.js';
export * from './api.js';
export { createClient, ApiError, ConflictError, type Client, type ClientOptions } from './client.js';
