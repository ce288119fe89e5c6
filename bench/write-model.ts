/** Writes a synthetic model file: `node write-model.mjs <components> <file>`. */
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { syntheticModel } from './synthetic.js';

const [n = '1000', file = 'threatmodel.yaml'] = process.argv.slice(2);
writeFileSync(file, stringify(syntheticModel(Number(n)), { lineWidth: 0 }));
