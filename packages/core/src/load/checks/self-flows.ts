import type { Issue } from '../../issues.js';
import type { Check } from './context.js';

/** A flow goes from one element to another: a flow to itself says nothing about trust or exposure. */
export const selfFlows: Check = (ctx) => {
  const out: Issue[] = [];
  ctx.model.flows?.forEach((f, i) => {
    if (f.from === f.to) {
      out.push({
        code: 'self-flow',
        severity: 'error',
        message: `flow goes from "${f.from}" to itself`,
        path: ['flows', i, 'to'],
        subject: f.id,
        hint: 'A flow connects two different elements; model the internal step as its own component if it matters.',
      });
    }
  });
  return out;
};
