import type { Container } from '@azure/cosmos';
import type { Cohort } from '../../domain/cohort';
import type { ProgrammeSettings } from '../../domain/person';
import { isStorableId } from '../../domain/ids';
import type { CohortRepository, SettingsRepository, Versioned } from '../../domain/ports';
import { CohortDoc, SETTINGS_ID, SettingsDoc, withoutSystem } from './documents';
import { ConcurrencyConflict } from '../../domain/errors';
import { statusOf, translateWriteError } from './errors';
import { ambiguous, sameDocument, settleAmbiguousWrite } from './read-back';

/**
 * Creates a document, or replaces it guarded by the ETag it was read at. When the answer is lost (a reset, a
 * timeout, a 5xx), the document is read back: stored as we wrote it, the write was applied.
 */
async function guardedSave(container: Container, body: { id: string } & Record<string, unknown>, entity: string, expectedEtag?: string): Promise<unknown> {
  try {
    const response = expectedEtag
      ? await container.item(body.id, body.id).replace(body, { accessCondition: { type: 'IfMatch', condition: expectedEtag } })
      : await container.items.create(body);
    return response.resource;
  } catch (e) {
    // A replace that finds no document (404) is refused as one at a stale ETag: someone else's change.
    if (expectedEtag && statusOf(e) === 404) throw new ConcurrencyConflict(entity, body.id);
    if (!ambiguous(e)) return translateWriteError(e, entity, body.id);
    return settleAmbiguousWrite(e, async (read) => {
      const stored = await read(container, body.id, body.id);
      return sameDocument(stored, body) ? stored : undefined;
    });
  }
}

export class CosmosCohortRepository implements CohortRepository {
  constructor(private readonly container: Container) {}

  async get(id: string): Promise<Versioned<Cohort> | null> {
    if (!isStorableId(id)) return null; // an id that cannot exist, without a request Cosmos would refuse
    const { resource } = await this.container.item(id, id).read();
    if (!resource || resource.type !== 'cohort') return null;
    const doc = CohortDoc.parse(resource);
    return { value: withoutSystem(doc), etag: doc._etag };
  }

  async list(): Promise<readonly Cohort[]> {
    const { resources } = await this.container.items.query("SELECT * FROM c WHERE c.type = 'cohort'").fetchAll();
    return resources.map((r) => withoutSystem(CohortDoc.parse(r))).sort((a, b) => a.intakeOpensAt.localeCompare(b.intakeOpensAt));
  }

  async save(cohort: Cohort, expectedEtag?: string): Promise<Versioned<Cohort>> {
    const doc = CohortDoc.parse(await guardedSave(this.container, { ...cohort, type: 'cohort' }, 'cohort', expectedEtag));
    return { value: withoutSystem(doc), etag: doc._etag };
  }
}

export class CosmosSettingsRepository implements SettingsRepository {
  constructor(private readonly container: Container) {}

  async get(): Promise<Versioned<ProgrammeSettings> | null> {
    const { resource } = await this.container.item(SETTINGS_ID, SETTINGS_ID).read();
    if (!resource) return null;
    const doc = SettingsDoc.parse(resource);
    const { id: _id, ...value } = withoutSystem(doc);
    return { value, etag: doc._etag };
  }

  async save(settings: ProgrammeSettings, expectedEtag?: string): Promise<Versioned<ProgrammeSettings>> {
    const body = { ...settings, id: SETTINGS_ID, type: 'settings' };
    const doc = SettingsDoc.parse(await guardedSave(this.container, body, 'settings', expectedEtag));
    const { id: _id, ...value } = withoutSystem(doc);
    return { value, etag: doc._etag };
  }
}
