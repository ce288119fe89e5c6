/** JSON over HTTP for the tracker clients, with errors that say which API call failed and why. */

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function detail(body: unknown): string {
  if (body === null || typeof body !== 'object') return typeof body === 'string' ? body.slice(0, 200) : '';
  const b = body as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof b['message'] === 'string') parts.push(b['message']);
  if (typeof b['error'] === 'string') parts.push(b['error']);
  if (Array.isArray(b['errorMessages'])) {
    // One by one: a spread passes every message as an argument, and a long list overflows the call stack.
    for (const x of b['errorMessages'] as unknown[]) if (typeof x === 'string') parts.push(x);
  }
  if (b['errors'] && typeof b['errors'] === 'object') parts.push(JSON.stringify(b['errors']).slice(0, 200));
  return parts.join('; ');
}

export async function requestJson(tracker: string, method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: { Accept: 'application/json', 'User-Agent': 'threatwright-backlog', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    throw new ApiError(`${tracker}: cannot reach ${new URL(url).origin} (${cause ?? (err as Error).message})`, undefined);
  }
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    // keep the text for the message
  }
  if (!res.ok) {
    const why = detail(parsed);
    const hint = res.status === 401 ? ' (is the token valid?)' : res.status === 403 ? ' (does the token have permission to manage issues?)' : res.status === 404 ? ' (does the project exist, and can the token see it?)' : '';
    throw new ApiError(`${tracker} ${method} ${new URL(url).pathname} → ${res.status}${why ? `: ${why}` : ''}${hint}`, res.status);
  }
  return parsed;
}
