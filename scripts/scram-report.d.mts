// Types for scripts/scram-report.mjs, so that the tests run and read SCRAM as the benchmark does.

/** SCRAM's arguments for an analysis of `files` at an order limit, up to `-o` (the report's path follows). */
export function scramArguments(
  files: readonly string[],
  limitOrder: number,
  method?: 'bdd' | 'zbdd',
): string[];

/** The start of a report, up to the `<sum-of-products>` start tag of `topGate` (the first when not given). */
export function reportHead(file: string, topGate?: string): string;

/** An attribute's value in a start tag, or undefined. */
export function attribute(tag: string, name: string): string | undefined;
