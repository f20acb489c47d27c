// Types for scripts/rules-doc.mjs, so that the drift test formats the page as the script writes it.

/** docs/rules.md's absolute path. */
export const rulesDocPath: string;

/** The rendered page formatted as Prettier would leave it (the project's settings). */
export function formatRulesDoc(markdown: string): Promise<string>;
