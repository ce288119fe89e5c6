/**
 * Id allocation for imported models: C1, F1, B1, A1, T1, R1, … in order, never reusing an id
 * that is taken, and remembering which foreign id became which model id.
 */
import { ID_PATTERN } from '@threatwright/core';

export type IdKind = 'component' | 'flow' | 'boundary' | 'asset' | 'threat' | 'mitigation' | 'assumption' | 'dependency';

export const ID_PREFIX: Record<IdKind, string> = {
  component: 'C',
  flow: 'F',
  boundary: 'B',
  asset: 'A',
  threat: 'T',
  mitigation: 'R',
  assumption: 'AS',
  dependency: 'E',
};

export class IdAllocator {
  private readonly used = new Set<string>();
  private readonly next = new Map<string, number>();
  private readonly byForeign = new Map<string, string>();
  private readonly kept = new Set<string>();

  /** Marks ids as taken (e.g. ids kept from the source file). */
  reserve(ids: readonly string[]): void {
    for (const id of ids) this.used.add(id);
  }

  /**
   * A fresh id of the kind. With `foreign`, the same foreign id of the same kind always gets the
   * same model id (so references can be resolved in any order).
   */
  allocate(kind: IdKind, foreign?: string): string {
    if (foreign !== undefined) {
      const known = this.byForeign.get(`${kind}\u0000${foreign}`);
      if (known) return known;
    }
    const prefix = ID_PREFIX[kind];
    let n = this.next.get(prefix) ?? 1;
    while (this.used.has(`${prefix}${n}`)) n++;
    const id = `${prefix}${n}`;
    this.next.set(prefix, n + 1);
    this.used.add(id);
    if (foreign !== undefined) this.byForeign.set(`${kind}\u0000${foreign}`, id);
    return id;
  }

  /**
   * Keeps a foreign id when it is a valid, unused model id (formats whose ids people write,
   * like Threagile or our own exports); otherwise allocates a fresh one.
   */
  keepOrAllocate(kind: IdKind, foreign: string): { id: string; kept: boolean } {
    const known = this.byForeign.get(`${kind}\u0000${foreign}`);
    if (known) return { id: known, kept: known === foreign };
    if (ID_PATTERN.test(foreign) && !foreign.includes('@') && !this.used.has(foreign)) {
      this.used.add(foreign);
      this.byForeign.set(`${kind}\u0000${foreign}`, foreign);
      return { id: foreign, kept: true };
    }
    return { id: this.allocate(kind, foreign), kept: false };
  }

  /**
   * Keeps an id written by Threatwright itself (read back from an export), even if reserved;
   * falls back to a fresh id when it is not a valid model id or another kind already has it.
   */
  keep(kind: IdKind, id: string): string {
    const known = this.byForeign.get(`${kind}\u0000${id}`);
    if (known) return known;
    if (ID_PATTERN.test(id) && !this.kept.has(id)) {
      this.kept.add(id);
      this.used.add(id);
      this.byForeign.set(`${kind}\u0000${id}`, id);
      return id;
    }
    return this.allocate(kind, id);
  }

  /** The model id given to a foreign id of the kind, if any. */
  lookup(kind: IdKind, foreign: string): string | undefined {
    return this.byForeign.get(`${kind}\u0000${foreign}`);
  }
}
