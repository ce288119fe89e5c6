/**
 * The shapes exchanged between the server and the editor. Browser-safe: types only.
 */
import type { AnalysisResult, Issue, VerificationRecord } from '@threatwright/core';

/** The header that carries the per-run token on every API call. */
export const TOKEN_HEADER = 'x-threatwright-token';

export interface ModelFileText {
  /** Path relative to the folder of the served model (the served model itself first). */
  name: string;
  text: string;
}

/** The served model as it is on disk now. */
export interface ModelSnapshot {
  /** Display name of the served model file. */
  file: string;
  /** Hash of the model file and all its includes: send it back with a save. */
  version: string;
  /** The served model first, then the files it includes. */
  files: ModelFileText[];
  /**
   * The model as plain data: the loaded model when it is valid, else the file's own data when it
   * is at least readable YAML (so a schema mistake can be fixed in the editor), else null.
   */
  data: unknown;
  /** The model passed the schema and semantic checks. */
  valid: boolean;
  issues: Issue[];
}

export interface SaveRequest {
  /** The version the edit is based on. A different version on disk means a conflict. */
  baseVersion: string;
  /** The whole model as plain data. */
  model: unknown;
}

export interface ConflictResponse {
  error: string;
  /** What is on disk now, so the editor can show the change and offer reload or merge. */
  current: ModelSnapshot;
}

export interface ErrorResponse {
  error: string;
}

/** Sent on the event stream. */
export type ServerEvent = { type: 'hello'; version: string } | { type: 'changed'; version: string };

/**
 * `GET /api/analysis`: the analysis of the model on disk, the same JSON as `threatwright analyze
 * --format json` (counts, posture and threats by the same functions), or the errors that keep the
 * model from being analysed.
 */
export type AnalysisResponse = (AnalysisResult & { file: string; issues: Issue[] }) | { version: 1; file: string; valid: false; issues: Issue[] };

/**
 * `GET /api/verification`: the test evidence `threatwright verify` saved beside the model, or null.
 * The editor scores residual risk with it, as `check` does, so a mitigation whose test failed counts
 * for nothing there too.
 */
export interface VerificationResponse {
  record: VerificationRecord | null;
}
