import type { ProgrammeSettings } from './person';

/**
 * Restriction of processing (begränsning, GDPR art. 18; ADR 0019). A coordinator marks a person's data as kept but not
 * processed, with a reason: nothing is sent to them (the outbox holds their messages until the restriction is lifted)
 * and no list shows an application they are on (as applicant or co-applicant). Figures (counters, the report's
 * aggregates) still count them: a count names nobody. The data itself is neither changed nor removed, so lifting
 * the restriction restores everything as it was.
 */
export interface Restriction {
  readonly personId: string;
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

/** A reason is required and short: it is shown to coordinators beside the person. */
export const RESTRICTION_REASON_MAX = 200;

/**
 * At most this many people restricted at once: each is one condition in every list's query (and the settings are
 * one document). A coordinator's decision about one person each, so a hundred is far beyond what a programme meets.
 */
export const RESTRICTIONS_MAX = 100;

/** How long the outbox holds a message to a restricted person before it looks again (so a lift takes effect within it). */
export const RESTRICTION_HOLD_MINUTES = 15;

/** The reason a held message carries (`lastError`), and the one the extract shows. */
export const HELD_RESTRICTED = 'held: restricted (GDPR art. 18)';

/** Every restricted person's id (a few at most: each is a coordinator's decision about one person). */
export function restrictedIdsOf(settings: ProgrammeSettings | null | undefined): readonly string[] {
  return (settings?.restrictions ?? []).map((r) => r.personId);
}

export function restrictionOf(settings: ProgrammeSettings | null | undefined, personId: string): Restriction | undefined {
  return settings?.restrictions?.find((r) => r.personId === personId);
}

/**
 * The settings with the person restricted (the reason replaced when already), 'reason' when the reason is not
 * acceptable, 'full' when RESTRICTIONS_MAX others are restricted already.
 */
export function withRestriction(settings: ProgrammeSettings, restriction: Restriction): ProgrammeSettings | 'reason' | 'full' {
  const reason = restriction.reason.trim();
  if (!reason || reason.length > RESTRICTION_REASON_MAX) return 'reason';
  const others = (settings.restrictions ?? []).filter((r) => r.personId !== restriction.personId);
  if (others.length >= RESTRICTIONS_MAX) return 'full';
  return { ...settings, restrictions: [...others, { ...restriction, reason }] };
}

/** The settings without the person's restriction (unchanged when there was none). */
export function withoutRestriction(settings: ProgrammeSettings, personId: string): ProgrammeSettings {
  const rest = (settings.restrictions ?? []).filter((r) => r.personId !== personId);
  const { restrictions: _r, ...without } = settings;
  return rest.length > 0 ? { ...without, restrictions: rest } : without;
}
