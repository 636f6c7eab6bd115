import type { Container } from '@azure/cosmos';
import type { Cohort } from '../../domain/cohort';
import type { ProgrammeSettings } from '../../domain/person';
import type { CohortRepository, SettingsRepository, Versioned } from '../../domain/ports';
import { CohortDoc, SETTINGS_ID, SettingsDoc, withoutSystem } from './documents';
import { ConcurrencyConflict } from '../../domain/errors';
import { statusOf, translateWriteError } from './errors';
import { ambiguous, sameDocument, settleAmbiguousWrite } from './read-back';
import { PROGRAMME_PARTITION } from './containers';
import { forget, readOnce } from './turn-cache';

/** The whole programme as one query reads it: the settings and every cohort (tens of documents). */
interface Programme {
  readonly settings: Versioned<ProgrammeSettings> | null;
  readonly cohorts: readonly Versioned<Cohort>[];
}

const PROGRAMME_KEY = 'programme';

/**
 * Reads the programme once per turn (turn-cache.ts): one query in the programme's one partition, which a turn
 * needs for the roles, the current cohort and a coordinator check alike.
 */
function readProgramme(container: Container): Promise<Programme> {
  return readOnce(PROGRAMME_KEY, async () => {
    const { resources } = await container.items.query('SELECT * FROM c', { partitionKey: PROGRAMME_PARTITION }).fetchAll();
    let settings: Versioned<ProgrammeSettings> | null = null;
    const cohorts: Versioned<Cohort>[] = [];
    for (const r of resources as { type?: unknown }[]) {
      if (r.type === 'cohort') {
        const doc = CohortDoc.parse(r);
        cohorts.push({ value: withoutSystem(doc), etag: doc._etag });
      } else if (r.type === 'settings') {
        const doc = SettingsDoc.parse(r);
        const { id: _id, ...value } = withoutSystem(doc);
        settings = { value, etag: doc._etag };
      }
    }
    cohorts.sort((a, b) => a.value.intakeOpensAt.localeCompare(b.value.intakeOpensAt));
    return { settings, cohorts };
  });
}

/**
 * Creates a document, or replaces it guarded by the ETag it was read at. When the answer is lost (a reset, a
 * timeout, a 5xx), the document is read back: stored as we wrote it, the write was applied. Whatever happens, the
 * turn forgets the programme it read, so the next read sees the store.
 */
async function guardedSave(container: Container, value: { id: string } & Record<string, unknown>, entity: string, expectedEtag?: string): Promise<unknown> {
  forget(PROGRAMME_KEY);
  const body = { ...value, partition: PROGRAMME_PARTITION };
  try {
    const response = expectedEtag
      ? await container.item(body.id, PROGRAMME_PARTITION).replace(body, { accessCondition: { type: 'IfMatch', condition: expectedEtag } })
      : await container.items.create(body);
    return response.resource;
  } catch (e) {
    // A replace that finds no document (404) is refused as one at a stale ETag: someone else's change.
    if (expectedEtag && statusOf(e) === 404) throw new ConcurrencyConflict(entity, body.id);
    if (!ambiguous(e)) return translateWriteError(e, entity, body.id);
    return settleAmbiguousWrite(e, async (read) => {
      const stored = await read(container, body.id, PROGRAMME_PARTITION);
      return sameDocument(stored, body) ? stored : undefined;
    });
  }
}

export class CosmosCohortRepository implements CohortRepository {
  constructor(private readonly container: Container) {}

  async get(id: string): Promise<Versioned<Cohort> | null> {
    return (await readProgramme(this.container)).cohorts.find((c) => c.value.id === id) ?? null;
  }

  async list(): Promise<readonly Cohort[]> {
    return (await readProgramme(this.container)).cohorts.map((c) => c.value);
  }

  async save(cohort: Cohort, expectedEtag?: string): Promise<Versioned<Cohort>> {
    const doc = CohortDoc.parse(await guardedSave(this.container, { ...cohort, type: 'cohort' }, 'cohort', expectedEtag));
    return { value: withoutSystem(doc), etag: doc._etag };
  }
}

export class CosmosSettingsRepository implements SettingsRepository {
  constructor(private readonly container: Container) {}

  async get(): Promise<Versioned<ProgrammeSettings> | null> {
    return (await readProgramme(this.container)).settings;
  }

  async save(settings: ProgrammeSettings, expectedEtag?: string): Promise<Versioned<ProgrammeSettings>> {
    const doc = SettingsDoc.parse(await guardedSave(this.container, { ...settings, id: SETTINGS_ID, type: 'settings' }, 'settings', expectedEtag));
    const { id: _id, ...value } = withoutSystem(doc);
    return { value, etag: doc._etag };
  }
}
