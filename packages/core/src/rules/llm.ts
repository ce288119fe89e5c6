/** Predicates shared by the language-model rules. */
import type { ComponentNode, FlowNode } from '../graph/index.js';
import { isUserAgent } from './shared.js';

/** The flow on which the component sends prompts to a language model, if any. */
export function promptFlow(c: ComponentNode): FlowNode | undefined {
  return c.out.find((f) => f.target?.capabilities.has('language-model')) ?? c.in.find((f) => f.flow.bidirectional === true && f.source?.capabilities.has('language-model'));
}

/** Flows that bring content the component did not write and its users did not type: retrieval stores, fetched URLs, third parties. */
export function untrustedContentSources(c: ComponentNode): FlowNode[] {
  return c.in.filter((f) => {
    const s = f.source;
    if (!s || isUserAgent(s)) return false;
    return s.capabilities.has('retrieval-store') || s.capabilities.has('third-party') || s.capabilities.has('object-store') || s.capabilities.has('sends-email');
  });
}
