/** The shape every benchmark case has; main.ts runs them and prints the table. */
export interface BenchContext {
  /** Fewer repetitions, for a smoke run in CI. */
  quick: boolean;
}

export type Figures = Record<string, number | string | boolean | null>;

export interface BenchCase {
  name: string;
  goal: string;
  run(ctx: BenchContext): Promise<Figures>;
}
