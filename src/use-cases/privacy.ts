import { domainError, type UseCaseResult } from '../domain/errors';
import type { Person } from '../domain/person';
import { PRIVACY_LOG_PARTITION, type CohortRepository, type Clock, type ConversationAddressBook, type Directory, type ExportLog, type IdGenerator, type PersonalDataStore, type SettingsRepository } from '../domain/ports';
import { registerExtractOf, type RegisterExtract } from '../domain/register-extract';
import { restrictionOf, withoutRestriction, withRestriction, type Restriction } from '../domain/restriction';
import { err, ok } from '../domain/result';
import { changeSettings } from './change';
import { isCoordinator } from './resolve-roles';

/** What the register extract and restriction need: ports only. */
export interface PrivacyDeps {
  readonly settings: SettingsRepository;
  readonly cohorts: CohortRepository;
  readonly directory: Directory;
  readonly addresses: ConversationAddressBook;
  readonly personalData: PersonalDataStore;
  /** The privacy log (register extracts, restrictions): who did what for whom, when, in PRIVACY_LOG_PARTITION. */
  readonly exportLog: ExportLog;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** Where a request came from, as the privacy log records it. */
export type PrivacyChannel = 'chat' | 'tab' | 'excel';

/** The longest e-mail address or id a request may name (RFC 5321's 254); anything longer is refused before a read. */
const SUBJECT_MAX = 254;
const PERSON_ID = /^[0-9A-Za-z][0-9A-Za-z-]{0,63}$/;

/** A person named by e-mail address (or, from the tab, by their directory id): found in the directory, or NOT_FOUND. */
async function personNamed(deps: Pick<PrivacyDeps, 'directory'>, named: string): Promise<UseCaseResult<Person>> {
  const text = named.trim();
  if (!text || text.length > SUBJECT_MAX) return err(domainError('INVALID_INPUT', 'subject'));
  const found = text.includes('@') ? await deps.directory.findByEmail(text) : PERSON_ID.test(text) ? await deps.directory.getPerson(text) : null;
  return found ? ok(found) : err(domainError('NOT_FOUND', 'no such person'));
}

async function log(deps: PrivacyDeps, actorId: string, what: string, subjectId: string, extra: Record<string, string> = {}): Promise<void> {
  await deps.exportLog.record({ id: deps.ids.uuid(), cohortId: PRIVACY_LOG_PARTITION, at: deps.clock.now().toISOString(), actorId, what, rows: 0, filter: { subjectId, ...extra } });
}

/**
 * The register extract (GDPR art. 15): the asker's own, or, for a coordinator, a named person's. Who may ask is
 * decided from the verified caller and the stored settings, never from the request. Every extract is written to the
 * privacy log (who asked, for whom, when, through what) before it is handed out.
 */
export async function registerExtract(deps: PrivacyDeps, askerId: string, named: string | null, via: PrivacyChannel): Promise<UseCaseResult<RegisterExtract>> {
  let subject: Person;
  if (named === null) {
    subject = (await deps.directory.getPerson(askerId)) ?? { id: askerId, name: '', email: '', employeeType: 'unknown' };
  } else {
    if (!(await isCoordinator(deps, askerId))) return err(domainError('NOT_ALLOWED', 'coordinators only'));
    const found = await personNamed(deps, named);
    if (!found.ok) return found;
    subject = found.value;
  }
  const [data, settings, cohorts, address] = await Promise.all([deps.personalData.about(subject.id), deps.settings.get(), deps.cohorts.list(), deps.addresses.get(subject.id)]);
  await log(deps, askerId, 'registerExtract', subject.id, { via });
  return ok(registerExtractOf(subject, data, settings?.value, cohorts, { stored: address !== null, ...(address?.locale ? { locale: address.locale } : {}) }, deps.clock.now()));
}

/**
 * `begränsa <e-post> <skäl>` (GDPR art. 18): the person's data is kept but not processed: no message is sent to them
 * (held in the outbox), no list shows their applications. Coordinators only; in the privacy log.
 */
export async function restrictPerson(deps: PrivacyDeps, coordinatorId: string, named: string, reason: string): Promise<UseCaseResult<{ person: Person; restriction: Restriction }>> {
  if (!(await isCoordinator(deps, coordinatorId))) return err(domainError('NOT_ALLOWED', 'coordinators only'));
  const found = await personNamed(deps, named);
  if (!found.ok) return found;
  const restriction: Restriction = { personId: found.value.id, reason: reason.trim(), by: coordinatorId, at: deps.clock.now().toISOString() };
  const saved = await changeSettings(deps, (s) => {
    const next = withRestriction(s, restriction);
    return typeof next === 'string' ? err(domainError('INVALID_INPUT', next)) : ok(next);
  });
  if (!saved.ok) return saved;
  await log(deps, coordinatorId, 'restrict', found.value.id);
  return ok({ person: found.value, restriction });
}

/** `häv begränsning <e-post>`: processing resumes; held messages go at their next look (RESTRICTION_HOLD_MINUTES). */
export async function liftRestriction(deps: PrivacyDeps, coordinatorId: string, named: string): Promise<UseCaseResult<{ person: Person; wasRestricted: boolean }>> {
  if (!(await isCoordinator(deps, coordinatorId))) return err(domainError('NOT_ALLOWED', 'coordinators only'));
  const found = await personNamed(deps, named);
  if (!found.ok) return found;
  const before = restrictionOf((await deps.settings.get())?.value, found.value.id);
  if (!before) return ok({ person: found.value, wasRestricted: false });
  const saved = await changeSettings(deps, (s) => ok(withoutRestriction(s, found.value.id)));
  if (!saved.ok) return saved;
  await log(deps, coordinatorId, 'unrestrict', found.value.id);
  return ok({ person: found.value, wasRestricted: true });
}

/** The restrictions in force, for `begränsa` without arguments (coordinators only). */
export async function restrictions(deps: PrivacyDeps, coordinatorId: string): Promise<UseCaseResult<readonly (Restriction & { name: string })[]>> {
  if (!(await isCoordinator(deps, coordinatorId))) return err(domainError('NOT_ALLOWED', 'coordinators only'));
  const list = (await deps.settings.get())?.value.restrictions ?? [];
  return ok(await Promise.all(list.map(async (r) => ({ ...r, name: (await deps.directory.getPerson(r.personId))?.name ?? '' }))));
}
