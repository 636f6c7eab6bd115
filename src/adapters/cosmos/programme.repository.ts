import type { Container } from '@azure/cosmos';
import type { Cohort } from '../../domain/cohort';
import { AlreadyExists, ConcurrencyConflict } from '../../domain/errors';
import type { ProgrammeSettings } from '../../domain/person';
import type { CohortRepository, SettingsRepository, Versioned } from '../../domain/ports';
import { PROGRAMME_PARTITION } from './containers';
import { PROGRAMME_ID, ProgrammeDoc } from './documents';
import { statusOf, translateWriteError } from './errors';
import { ambiguous, sameDocument, settleAmbiguousWrite } from './read-back';
import { forget, readOnce } from './turn-cache';

/** The whole programme as its one document holds it, with the version it was read at (null before the first save). */
interface Programme {
  readonly settings?: ProgrammeSettings;
  readonly cohorts: readonly Cohort[];
  readonly etag: string | null;
}

const PROGRAMME_KEY = 'programme';

/** Reads the programme once per turn (turn-cache.ts): one point read, which the roles, the current cohort and a coordinator check all need. */
function readProgramme(container: Container): Promise<Programme> {
  return readOnce(PROGRAMME_KEY, async () => {
    const { resource } = await container.item(PROGRAMME_ID, PROGRAMME_PARTITION).read();
    if (!resource) return { cohorts: [], etag: null };
    const { settings, cohorts, _etag } = ProgrammeDoc.parse(resource);
    return { ...(settings ? { settings } : {}), cohorts: [...cohorts].sort((a, b) => a.intakeOpensAt.localeCompare(b.intakeOpensAt)), etag: _etag };
  });
}

/**
 * Writes the programme with one part changed, guarded by the version the change was decided on. `change` answers the
 * programme to write, or throws AlreadyExists or ConcurrencyConflict. When the answer is lost (a reset, a timeout, a
 * 5xx), the document is read back: stored as we wrote it, the write was applied. Whatever happens, the turn forgets
 * the programme it read.
 */
async function writeProgramme(container: Container, current: Programme, next: Omit<Programme, 'etag'>, entity: string, id: string): Promise<Programme> {
  forget(PROGRAMME_KEY);
  const body = { type: 'programme', id: PROGRAMME_ID, partition: PROGRAMME_PARTITION, ...(next.settings ? { settings: next.settings } : {}), cohorts: next.cohorts };
  const read = (doc: unknown): Programme => {
    const parsed = ProgrammeDoc.parse(doc);
    return { ...(parsed.settings ? { settings: parsed.settings } : {}), cohorts: parsed.cohorts, etag: parsed._etag };
  };
  try {
    const response = current.etag
      ? await container.item(PROGRAMME_ID, PROGRAMME_PARTITION).replace(body, { accessCondition: { type: 'IfMatch', condition: current.etag } })
      : await container.items.create(body);
    return read(response.resource);
  } catch (e) {
    // Someone else wrote the programme first (412, or 409 when both created it): a lost race, read again and retry.
    if (statusOf(e) === 412 || statusOf(e) === 404 || statusOf(e) === 409) throw new ConcurrencyConflict(entity, id);
    if (!ambiguous(e)) return translateWriteError(e, entity, id);
    return settleAmbiguousWrite(e, async (readBack) => {
      const stored = await readBack(container, PROGRAMME_ID, PROGRAMME_PARTITION);
      return sameDocument(stored, body) ? read(stored) : undefined;
    });
  }
}

/** How often a create retries when another part of the programme changed meanwhile (not the part it creates). */
const CREATE_ATTEMPTS = 5;

/**
 * Creates (no `expectedEtag`: AlreadyExists when the part is there) or replaces (ConcurrencyConflict unless the
 * programme is still at `expectedEtag` and the part exists) one part of the programme. A create does not depend on the
 * rest of the programme, so it reads again when another part changed meanwhile.
 */
async function savePart(
  container: Container,
  entity: string,
  id: string,
  expectedEtag: string | undefined,
  exists: (p: Programme) => boolean,
  apply: (p: Programme) => Omit<Programme, 'etag'>,
): Promise<Programme> {
  for (let attempt = 1; ; attempt++) {
    // The turn's read first (the caller decided on it); the store again after a lost race.
    if (attempt > 1) forget(PROGRAMME_KEY);
    const current = await readProgramme(container);
    if (expectedEtag === undefined && exists(current)) throw new AlreadyExists(entity, id);
    if (expectedEtag !== undefined && (current.etag !== expectedEtag || !exists(current))) throw new ConcurrencyConflict(entity, id);
    try {
      return await writeProgramme(container, current, apply(current), entity, id);
    } catch (e) {
      if (!(e instanceof ConcurrencyConflict) || expectedEtag !== undefined || attempt >= CREATE_ATTEMPTS) throw e;
    }
  }
}

export class CosmosCohortRepository implements CohortRepository {
  constructor(private readonly container: Container) {}

  async get(id: string): Promise<Versioned<Cohort> | null> {
    const p = await readProgramme(this.container);
    const cohort = p.cohorts.find((c) => c.id === id);
    return cohort && p.etag ? { value: cohort, etag: p.etag } : null;
  }

  async list(): Promise<readonly Cohort[]> {
    return (await readProgramme(this.container)).cohorts;
  }

  async save(cohort: Cohort, expectedEtag?: string): Promise<Versioned<Cohort>> {
    const has = (p: Programme) => p.cohorts.some((c) => c.id === cohort.id);
    const saved = await savePart(this.container, 'cohort', cohort.id, expectedEtag, has, (p) => ({
      ...(p.settings ? { settings: p.settings } : {}),
      cohorts: has(p) ? p.cohorts.map((c) => (c.id === cohort.id ? cohort : c)) : [...p.cohorts, cohort],
    }));
    const stored = saved.cohorts.find((c) => c.id === cohort.id);
    if (!stored || !saved.etag) throw new Error('the saved programme lacks the cohort just saved');
    return { value: stored, etag: saved.etag };
  }
}

export class CosmosSettingsRepository implements SettingsRepository {
  constructor(private readonly container: Container) {}

  async get(): Promise<Versioned<ProgrammeSettings> | null> {
    const p = await readProgramme(this.container);
    return p.settings && p.etag ? { value: p.settings, etag: p.etag } : null;
  }

  async save(settings: ProgrammeSettings, expectedEtag?: string): Promise<Versioned<ProgrammeSettings>> {
    const saved = await savePart(this.container, 'settings', 'settings', expectedEtag, (p) => p.settings !== undefined, (p) => ({ settings, cohorts: p.cohorts }));
    if (!saved.settings || !saved.etag) throw new Error('the saved programme lacks its settings');
    return { value: saved.settings, etag: saved.etag };
  }
}
