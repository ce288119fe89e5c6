export { toCsv, CSV_COLUMNS } from './csv.js';
export { toJson, RESULT_JSON_VERSION } from './json.js';
export { toSarif, SARIF_SCHEMA_URI, FINGERPRINT_KEY } from './sarif.js';
export { elementNames } from './names.js';
