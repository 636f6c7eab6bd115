/** Card verbs, shared by the cards that carry them and the handlers that answer them (habit 6). */
export const VERBS = {
  showHelp: 'help.show',
  showAbout: 'about.show',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];
