/**
 * The editor's typed client for the server's API. Browser-safe: no Node imports.
 */
import type { AnalysisResponse, ConflictResponse, ModelSnapshot, SaveRequest, ServerEvent, VerificationResponse } from './api.js';
import { TOKEN_HEADER } from './api.js';

export type { ConflictResponse, ModelFileText, ModelSnapshot, SaveRequest, ServerEvent, VerificationResponse } from './api.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A save refused because the file changed on disk: `current` is what is there now. */
export class ConflictError extends ApiError {
  constructor(readonly current: ModelSnapshot) {
    super(409, 'the model changed on disk since it was loaded');
    this.name = 'ConflictError';
  }
}

export interface Client {
  getModel: () => Promise<ModelSnapshot>;
  /** The analysis of the model on disk (as `analyze --format json`); for a model with errors, the errors. */
  getAnalysis: () => Promise<AnalysisResponse>;
  /** The test evidence saved beside the model (`threatwright verify`), or null when there is none. */
  getVerification: () => Promise<VerificationResponse>;
  /** Throws ConflictError when the file changed on disk since `baseVersion`. */
  saveModel: (req: SaveRequest) => Promise<ModelSnapshot>;
  /** Listens to the server's change events until the returned function is called. */
  events: (onEvent: (e: ServerEvent) => void, onError?: (err: unknown) => void) => () => void;
}

export interface ClientOptions {
  token: string;
  baseUrl?: string;
  fetch?: typeof fetch;
}

async function errorOf(res: Response): Promise<ApiError> {
  let message = `${res.status} ${res.statusText}`;
  try {
    const body = (await res.json()) as { error?: unknown };
    if (typeof body.error === 'string') message = body.error;
  } catch {
    // Not JSON: keep the status line.
  }
  return new ApiError(res.status, message);
}

export function createClient(options: ClientOptions): Client {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const headers = { [TOKEN_HEADER]: options.token };
  return {
    async getModel() {
      const res = await doFetch(`${base}/api/model`, { headers, cache: 'no-store' });
      if (!res.ok) throw await errorOf(res);
      return (await res.json()) as ModelSnapshot;
    },
    async getAnalysis() {
      const res = await doFetch(`${base}/api/analysis`, { headers, cache: 'no-store' });
      if (!res.ok && res.status !== 422) throw await errorOf(res);
      return (await res.json()) as AnalysisResponse;
    },
    async getVerification() {
      const res = await doFetch(`${base}/api/verification`, { headers, cache: 'no-store' });
      if (!res.ok) throw await errorOf(res);
      return (await res.json()) as VerificationResponse;
    },
    async saveModel(req) {
      const res = await doFetch(`${base}/api/model`, { method: 'PUT', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(req) });
      if (res.status === 409) throw new ConflictError(((await res.json()) as ConflictResponse).current);
      if (!res.ok) throw await errorOf(res);
      return (await res.json()) as ModelSnapshot;
    },
    events(onEvent, onError) {
      const controller = new AbortController();
      const run = async () => {
        const res = await doFetch(`${base}/api/events`, { headers, signal: controller.signal });
        if (!res.ok || !res.body) throw await errorOf(res);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block
              .split('\n')
              .filter((l) => l.startsWith('data:'))
              .map((l) => l.slice(5).trimStart())
              .join('\n');
            if (data) onEvent(JSON.parse(data) as ServerEvent);
          }
        }
      };
      run().catch((err: unknown) => {
        if (!controller.signal.aborted) onError?.(err);
      });
      return () => {
        controller.abort();
      };
    },
  };
}
