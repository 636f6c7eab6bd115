import { z } from 'zod';
import { APPLICATION_ID } from '../../domain/ids';
import type { SortCursor } from '../../domain/ports';
import type { RankingCursor } from '../../use-cases/jury/ranking';

/**
 * A list's place to go on from, handed to the browser as opaque text (base64url JSON) and parsed again with a schema
 * when it comes back: text from a request, so a cursor that does not parse is "start from the beginning"'s 400.
 */
const encode = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

function decode<T>(text: string, schema: z.ZodType<T>): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const Key = z.union([z.string().max(200), z.number().finite()]);
const AppId = z.string().regex(APPLICATION_ID);
const Count = z.number().int().min(0).max(1_000_000);

const SortCursorSchema = z.object({ key: Key, id: AppId }).strict();
const RankingCursorSchema = z.union([
  z.object({ part: z.literal('ranked'), after: z.object({ mean: z.number().finite(), id: AppId }).strict(), page: Count, seen: Count, tiedBefore: Count }).strict(),
  z.object({ part: z.literal('unranked'), after: AppId.optional(), page: Count }).strict(),
  z.object({ part: z.literal('normalised'), offset: Count, page: Count }).strict(),
]);

export const sortCursor = { encode: (c: SortCursor) => encode(c), decode: (text: string): SortCursor | null => decode(text, SortCursorSchema) };
export const rankingCursor = { encode: (c: RankingCursor) => encode(c), decode: (text: string): RankingCursor | null => decode(text, RankingCursorSchema) as RankingCursor | null };
