/**
 * Compile-time checks, run by `tsc --noEmit` in `npm test` (this file has no runtime tests). Each
 * `@ts-expect-error` line must fail to compile: if the routing tables ever stop refusing a verb without a
 * handler, a handler for no verb, or a command without a handler, the directive is unused and tsc fails.
 */
import type { Verb } from '../../src/adapters/cards/verbs';
import { route, type CardRoute, type CardRoutes, type CommandRoute, type CommandRoutes } from '../../src/adapters/teams/routes';
import { z } from 'zod';

declare const complete: CardRoutes;
declare const entry: CardRoute;
declare const command: CommandRoute;

// A new verb in cards/verbs.ts without its entry: the table no longer satisfies the type of every verb.
type WithNewVerb = { readonly [V in Verb | 'expense.withdraw']: CardRoute };
// @ts-expect-error a verb without a handler does not compile
export const missingHandler: WithNewVerb = complete;

// The table without one of today's verbs.
const { 'jury.score': _dropped, ...withoutJuryScore } = complete;
// @ts-expect-error a verb without a handler does not compile
export const withoutOne: CardRoutes = withoutJuryScore;

// A handler for a verb that does not exist.
// @ts-expect-error a handler for no verb does not compile
export const extraHandler = { ...complete, 'no.such.verb': entry } satisfies CardRoutes;

// The same for commands: every command in commands.ts has exactly one handler.
declare const commands: CommandRoutes;
const { ranking: _ranking, ...withoutRanking } = commands;
// @ts-expect-error a command without a handler does not compile
export const withoutCommand: CommandRoutes = withoutRanking;
// @ts-expect-error a handler for no command does not compile
export const extraCommand = { ...commands, dance: command } satisfies CommandRoutes;

// An entry's handler gets what its schema parsed, typed: reading a field the schema does not have fails.
export const typed = route(z.object({ page: z.number() }), async (_caller, data) => {
  // @ts-expect-error the schema has no `cohortId`
  void data.cohortId;
  return { send: [{ text: String(data.page satisfies number) }] };
});
