/**
 * Compile-time checks of documents.ts `SCHEMAS_MATCH_THE_DOMAIN`, run by `tsc --noEmit` in `npm test`: the
 * comparison it uses ignores only `readonly` and zod's `| undefined` on optional fields, and refuses every
 * real difference (each `@ts-expect-error` below must fail to compile, or tsc reports the directive unused).
 */
import type { Exactly } from '../../src/adapters/cosmos/documents';

export const same: Exactly<{ a: string; b?: number[] | undefined; c: { d: boolean }[] }, { readonly a: string; readonly b?: readonly number[]; readonly c: readonly { readonly d: boolean }[] }> = true;
// @ts-expect-error a domain field the schema lacks (it would be dropped on every read)
export const dropped: Exactly<{ a: string }, { a: string; b?: string }> = true;
// @ts-expect-error a nested field the schema lacks
export const droppedNested: Exactly<{ a: { b: string }[] }, { a: { b: string; c?: string }[] }> = true;
// @ts-expect-error optional in the schema, required in the domain
export const optional: Exactly<{ a?: string }, { a: string }> = true;
// @ts-expect-error another type of value
export const otherType: Exactly<{ a: string }, { a: number }> = true;
