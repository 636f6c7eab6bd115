import type { Application } from '../../domain/application';
import type { Cohort } from '../../domain/cohort';
import { domainError, type UseCaseResult } from '../../domain/errors';
import type { Municipality } from '../../domain/municipalities';
import { hrMunicipalitiesOf, isCoordinatorIn } from '../../domain/person';
import { PARTICIPANT_STATES } from '../../domain/programme';
import { err, ok } from '../../domain/result';
import { countMatching } from '../../domain/tally';
import { currentCohort } from '../current-cohort';
import type { ProgrammeDeps } from './deps';

/** How many teams `deltagare` shows (a card has room for about this many); the count says if there are more. */
export const PARTICIPANTS_SHOWN = 8;

export interface Participants {
  readonly cohort: Cohort;
  /** The HR contact's municipalities, or every municipality for a coordinator. */
  readonly municipalities: readonly Municipality[] | 'all';
  readonly teams: readonly Application[];
  /** How many teams are in the programme in these municipalities (the counters), shown or not. */
  readonly total: number;
}

/**
 * `deltagare`: the current cohort's teams in the programme, with their leave and budget, for the HR contact of
 * their municipality (the budget owner and the line's HR) and for coordinators (every municipality). Decided from
 * the stored settings; a page per municipality, at most PARTICIPANTS_SHOWN teams in all; `only` narrows it to one.
 */
export async function participantsOf(deps: ProgrammeDeps, personId: string, only?: Municipality): Promise<UseCaseResult<Participants>> {
  const settings = (await deps.settings.get())?.value;
  const theirs = isCoordinatorIn(settings, personId) ? 'all' : hrMunicipalitiesOf(settings, personId);
  if (theirs !== 'all' && theirs.length === 0) return err(domainError('NOT_ALLOWED', 'coordinators and HR contacts only'));
  // One municipality asked for: a coordinator's any, an HR contact's only among their own.
  const municipalities = only ? (theirs === 'all' || theirs.includes(only) ? [only] : []) : theirs;
  if (municipalities !== 'all' && municipalities.length === 0) return err(domainError('NOT_ALLOWED', 'not their municipality'));
  const current = await currentCohort(deps);
  if (!current) return err(domainError('NOT_FOUND', 'no cohort'));
  const cohort = current.value;
  const filters = municipalities === 'all' ? [{ states: PARTICIPANT_STATES }] : municipalities.map((municipality) => ({ states: PARTICIPANT_STATES, municipality }));
  const counts = await deps.applications.counts(cohort.id);
  const teams: Application[] = [];
  for (const filter of filters) {
    if (teams.length >= PARTICIPANTS_SHOWN) break;
    const page = await deps.applications.page(cohort.id, filter, PARTICIPANTS_SHOWN - teams.length);
    teams.push(...page.items.map((v) => v.value));
  }
  return ok({ cohort, municipalities, teams, total: filters.reduce((n, f) => n + countMatching(counts, f), 0) });
}
