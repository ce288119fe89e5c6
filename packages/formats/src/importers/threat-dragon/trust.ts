/**
 * The trust a boundary's name states. Threat Dragon boundaries have a name and no trust level, and
 * people name the zone of the internet and of customers' devices for what it is: "Internet",
 * "Public network", "Customer devices", "External", "Untrusted zone". Only those words are read,
 * whole: "Public Cloud" (hosting the system's own servers) and "Internal network" state nothing,
 * and a negation ("Non-public", "Not internet") states nothing either.
 */
import { normalizeWords } from '../../shared/infer-type.js';

const UNTRUSTED = /(?<![a-z0-9])(internet|untrusted|external|outside|customers?|public(?! (?:cloud|subnets?|clouds?|cloud provider|vpc|api|key|keys)(?![a-z0-9])))(?![a-z0-9])/;
const NEGATED = /(?<![a-z0-9])(?:non|not|no)(?: |$)(?:[a-z0-9]+ )?$/;

/** The words of a boundary name that make it untrusted, or undefined when the name states no trust. */
export function untrustedByName(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const text = normalizeWords(name);
  const m = UNTRUSTED.exec(text);
  if (!m) return undefined;
  if (NEGATED.test(text.slice(0, m.index))) return undefined;
  return m[1];
}
