// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

/** Teams' ceiling is 100 KB a message; we keep cards light enough for phones (TEAMS-PLATFORM.md). */
export const MAX_CARD_BYTES = 28 * 1024;

/**
 * Parses a card with the `adaptivecards` library at schema 1.5 and returns every parse warning and
 * validation failure (an empty list means valid). Unknown elements, bad enum values, a version above 1.5
 * and missing required properties all show up here.
 */
export function cardProblems(json: unknown): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  const validation = card.validateProperties();
  for (const event of validation.validationEvents) problems.push(`validate: ${event.message}`);
  if (typeof json === 'object' && json !== null && (json as { version?: string }).version !== '1.5') problems.push('version is not 1.5');
  return problems;
}

export function cardBytes(json: unknown): number {
  return Buffer.byteLength(JSON.stringify(json), 'utf8');
}
