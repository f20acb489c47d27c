/** The report formats by name, apart from their renderers so the CLI can list them without loading them. */
export const formatNames = ['text', 'json', 'sarif', 'md', 'html'] as const;
export type FormatName = (typeof formatNames)[number];
