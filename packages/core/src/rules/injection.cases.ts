/** Shared valid/invalid cases for the injection rules' tests: the same shape, a different interpreter. */
import { build } from '../engine/model-builder.js';
import type { Model } from '../model/types.js';

interface Cases {
  valid: { name: string; model: Model }[];
  invalid: { name: string; model: Model; findings: { messageId: 'default'; elements: string[]; unstated: string[] }[] }[];
}

/** A service W reached from a browser sends queries to a store D of `storeType`. */
export function querySinkCases(storeType: string, safeguard: string): Cases {
  const m = (props: Record<string, boolean> = {}, exposed = true) => {
    const b = build().process('W', { type: 'api', properties: props }).store('D', { type: storeType }).flow('W', 'D');
    if (exposed) b.external('U', { type: 'browser' }).flow('U', 'W', { protocol: 'https' });
    return b.model();
  };
  return {
    valid: [
      { name: 'safeguard stated', model: m({ [safeguard]: true }) },
      { name: 'no untrusted input reaches the service', model: m({}, false) },
    ],
    invalid: [
      { name: 'stated missing', model: m({ [safeguard]: false }), findings: [{ messageId: 'default', elements: ['W', 'D'], unstated: [] }] },
      { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['W', 'D'], unstated: [`W.${safeguard}`] }] },
    ],
  };
}

/** A service W reached from a browser is itself the interpreter, marked by the fact property `sink`. */
export function localSinkCases(sink: string, safeguard: string): Cases {
  const m = (props: Record<string, boolean> = {}, exposed = true) => {
    const b = build().process('W', { type: 'service', properties: { [sink]: true, ...props } });
    if (exposed) b.external('U', { type: 'browser' }).flow('U', 'W', { protocol: 'https' });
    return b.model();
  };
  return {
    valid: [
      { name: 'safeguard stated', model: m({ [safeguard]: true }) },
      { name: 'no untrusted input reaches it', model: m({}, false) },
      { name: 'the sink is not there', model: m({ [sink]: false }) },
    ],
    invalid: [
      { name: 'stated missing', model: m({ [safeguard]: false }), findings: [{ messageId: 'default', elements: ['W'], unstated: [] }] },
      { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['W'], unstated: [`W.${safeguard}`] }] },
    ],
  };
}
