/** When to use colours: one decision, made once per stream by the top-level handler. */

export interface ColorInputs {
  /** Node.js leaves `isTTY` undefined, not false, on a stream that is no terminal. */
  isTTY: boolean | undefined;
  env: NodeJS.ProcessEnv;
  /** `--color` (true) or `--no-color` (false) on the command line; undefined when not given. */
  flag: boolean | undefined;
}

/**
 * In order: `--no-color`/`--color`; `NO_COLOR` (any non-empty value) turns colours off;
 * `FORCE_COLOR` turns them on (`0` or `false` turns them off); otherwise only on a terminal
 * that is not `TERM=dumb`.
 */
export function useColor({ isTTY, env, flag }: ColorInputs): boolean {
  if (flag !== undefined) return flag;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return isTTY === true && env['TERM'] !== 'dumb';
}
