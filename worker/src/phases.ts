/** The steps of one directory, in the order they happen; logged per directory so slow ones show. */
export const phaseNames = [
  "start",
  "context",
  "open",
  "find",
  "fill",
  "submit",
  "outcome",
  "recipe",
  "account",
  "screenshot",
  "close",
  "upload",
] as const;
export type Phase = (typeof phaseNames)[number];

/** Milliseconds spent per phase; a phase run more than once (a wizard's steps) adds up. */
export class PhaseTimes {
  private readonly ms: Partial<Record<Phase, number>> = {};
  private readonly begun = new Set<Phase>();

  async time<T>(phase: Phase, work: () => Promise<T>): Promise<T> {
    this.begun.add(phase);
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.add(phase, performance.now() - started);
    }
  }

  /** Whether a phase has begun, finished or not: a directory stopped before "submit" sent nothing. */
  reached(phase: Phase): boolean {
    return this.begun.has(phase);
  }

  add(phase: Phase, ms: number): void {
    this.ms[phase] = (this.ms[phase] ?? 0) + ms;
  }

  toJSON(): Partial<Record<Phase, number>> {
    return Object.fromEntries(
      phaseNames.filter((p) => this.ms[p] !== undefined).map((p) => [p, Math.round(this.ms[p] ?? 0)]),
    );
  }
}
