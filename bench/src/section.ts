export interface BenchOptions {
  /** The full sizes (slower); without it every section runs a smaller, minutes-long size. */
  large: boolean;
  /** Progress for the person watching; results go in the returned Markdown. */
  progress(line: string): void;
}

/** One part of `pnpm bench`: runs on its own and answers Markdown (a heading, tables, notes). */
export interface BenchSection {
  id: string;
  title: string;
  run(options: BenchOptions): Promise<string>;
}
