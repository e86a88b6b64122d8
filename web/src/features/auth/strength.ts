import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

// Loaded on demand (a separate chunk): the dictionaries are large and only password forms need them.
// The same package and lists as the server's check, so the meter and the server agree.
const factory = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...en.dictionary },
  graphs: common.adjacencyGraphs,
  translations: en.translations,
});

/** zxcvbn's 0–4 score for a password (first 100 characters, like the server). */
export function passwordScore(password: string, userInputs: string[]): number {
  return factory.check(password.slice(0, 100), userInputs).score;
}
