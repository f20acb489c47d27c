/** The version printed by --version and written into reports; kept equal to package.json's by a test. */
export const version = '0.1.0';
