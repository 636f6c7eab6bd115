import type { Cohort } from './cohort';
import type { Refusal } from './errors';
import { err, ok, type Result } from './result';
import { criteriaOf } from './jury';
import { DEFAULT_CRITERIA, type Criterion } from './scoring';

/**
 * The cohort's selection criteria as coordinators edit them (the plan leaves "kriterier för urval" to each pilot):
 * a name, a weight, and what a 1, a 3 and a 5 mean. Pure: no frameworks, no I/O.
 */
export const CRITERIA_LIMITS = {
  /** At most this many criteria: a scoring card the juror can still read. */
  count: 10,
  name: 80,
  guide: 300,
  /** A weight is a positive number at most this, in steps of 0.5 (as a coordinator weighs "twice as much"). */
  maxWeight: 10,
} as const;

/**
 * A criterion as typed: `id` absent on a new one; `name` absent on one of the programme's own (DEFAULT_CRITERIA), which
 * the catalogue names in each reader's language.
 */
export interface CriterionInput {
  readonly id?: string;
  readonly name?: string | undefined;
  readonly weight: number;
  readonly guide?: { readonly 1: string; readonly 3: string; readonly 5: string };
}

export type CriteriaProblem =
  | { readonly code: 'none' }
  | { readonly code: 'tooMany'; readonly max: number }
  | { readonly code: 'name'; readonly index: number; readonly reason: 'required' | 'tooLong' | 'duplicate' }
  | { readonly code: 'weight'; readonly index: number; readonly reason: 'notPositive' | 'tooLarge' | 'notHalfStep' }
  | { readonly code: 'guide'; readonly index: number; readonly reason: 'partial' | 'tooLong' }
  | { readonly code: 'unknownId'; readonly index: number };

const clean = (text: string) => text.replace(/\s+/g, ' ').trim();

/** An id people never see, from the name: lower-case letters and digits (å, ä, ö as a, a, o), unique in the list. */
function idFrom(name: string, taken: ReadonlySet<string>): string {
  const base =
    clean(name)
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'kriterium';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * The criteria as they will be stored, or every problem with them: at least one and at most CRITERIA_LIMITS.count,
 * each with a name (unique, case and spacing aside) and a positive weight in half steps up to the maximum, and what
 * 1, 3 and 5 mean either all given or none. An id is kept only when it is one of the cohort's (`known`); a new
 * criterion gets one from its name.
 */
export function validateCriteria(input: readonly CriterionInput[], known: readonly Criterion[]): Result<Criterion[], CriteriaProblem[]> {
  const problems: CriteriaProblem[] = [];
  if (input.length === 0) problems.push({ code: 'none' });
  if (input.length > CRITERIA_LIMITS.count) problems.push({ code: 'tooMany', max: CRITERIA_LIMITS.count });
  const knownIds = new Set(known.map((c) => c.id));
  const names = new Set<string>();
  const programmes = new Set(DEFAULT_CRITERIA.map((c) => c.id));
  input.forEach((c, index) => {
    const name = clean(c.name ?? '');
    const namedByCatalogue = c.name === undefined && c.id !== undefined && programmes.has(c.id);
    // One of the programme's own criteria without a name keeps the catalogue's, in each reader's language.
    if (!namedByCatalogue) {
      if (!name) problems.push({ code: 'name', index, reason: 'required' });
      else if (name.length > CRITERIA_LIMITS.name) problems.push({ code: 'name', index, reason: 'tooLong' });
      else if (names.has(name.toLowerCase())) problems.push({ code: 'name', index, reason: 'duplicate' });
      names.add(name.toLowerCase());
    }
    if (!Number.isFinite(c.weight) || c.weight <= 0) problems.push({ code: 'weight', index, reason: 'notPositive' });
    else if (c.weight > CRITERIA_LIMITS.maxWeight) problems.push({ code: 'weight', index, reason: 'tooLarge' });
    else if (!Number.isInteger(c.weight * 2)) problems.push({ code: 'weight', index, reason: 'notHalfStep' });
    if (c.guide) {
      const texts = [c.guide[1], c.guide[3], c.guide[5]].map(clean);
      if (texts.some((t) => t.length > CRITERIA_LIMITS.guide)) problems.push({ code: 'guide', index, reason: 'tooLong' });
      else if (texts.some((t) => t) && texts.some((t) => !t)) problems.push({ code: 'guide', index, reason: 'partial' });
    }
    if (c.id !== undefined && !knownIds.has(c.id)) problems.push({ code: 'unknownId', index });
  });
  if (problems.length > 0) return err(problems);
  const taken = new Set(input.flatMap((c) => (c.id ? [c.id] : [])));
  return ok(
    input.map((c) => {
      const id = c.id ?? idFrom(c.name ?? '', taken);
      taken.add(id);
      const guide = c.guide && clean(c.guide[1]) ? { 1: clean(c.guide[1]), 3: clean(c.guide[3]), 5: clean(c.guide[5]) } : undefined;
      return { id, ...(c.name === undefined ? {} : { name: clean(c.name) }), weight: c.weight, ...(guide ? { guide } : {}) };
    }),
  );
}

/**
 * The cohort with the criteria as typed: only before its jury round opens (scores are kept per criterion, so the
 * criteria stay as they were scored on), and only criteria that pass validateCriteria.
 */
export function withCriteria(cohort: Cohort, input: readonly CriterionInput[]): Result<Cohort, Refusal> {
  if (cohort.juryRound) return err({ code: 'CRITERIA_LOCKED' });
  const valid = validateCriteria(input, criteriaOf(cohort));
  return valid.ok ? ok({ ...cohort, criteria: valid.value }) : err({ code: 'INVALID_CRITERIA', problems: valid.error });
}
