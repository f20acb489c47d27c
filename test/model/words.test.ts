/** Labels as they read mid-sentence, in the report and on the dashboard alike. */

import { describe, expect, it } from 'vitest';
import { lowerFirst } from '../../src/model/words.js';

describe('lowerFirst', () => {
  it('lowers a word written with a capital only because it starts the label', () => {
    expect(lowerFirst('Identity verification by AWS Support')).toBe('identity verification by AWS Support');
    expect(lowerFirst('A valid card on file')).toBe('a valid card on file');
    expect(lowerFirst('Sign-in with the recovery code')).toBe('sign-in with the recovery code');
    expect(lowerFirst("Root's MFA device")).toBe("root's MFA device");
  });

  it('keeps a name whose capitals are its own', () => {
    for (const label of [
      'MFA sign-in',
      'IAM user signs in',
      'U2F key on a keyring',
      'YubiKey 5C',
      'iPhone 15',
    ]) {
      expect(lowerFirst(label)).toBe(label);
    }
  });
});
