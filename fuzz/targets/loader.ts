/** The model loader on mutated real models: a model, or issues with at least one error; never a throw. */
import { analyze, loadModel } from '@threatwright/core';
import { expect, mutatedText, seeds, target } from '../harness.js';

export const targets = [
  target<string>({
    name: 'load',
    arbitrary: () => mutatedText(seeds({ repo: ['examples'], ext: /\.(ya?ml|json)$/ })),
    check: (text) => {
      const result = loadModel({ file: 'threatmodel.yaml', text });
      if (result.model === undefined) {
        expect(result.issues.some((i) => i.severity === 'error'), 'no model and no error');
      } else {
        expect(!result.issues.some((i) => i.severity === 'error'), 'a model with errors');
        analyze(result.model);
      }
      for (const i of result.issues) expect(typeof i.message === 'string' && i.message.length > 0, `issue ${i.code} has no message`);
    },
  }),
];
