import type { Container, JSONObject } from '@azure/cosmos';
import { isStorableId } from '../../domain/ids';
import type { ExportLog, ExportRecord } from '../../domain/ports';
import { pageSize } from './application.queries';
import { ExportDoc, withoutSystem } from './documents';
import { queryAll } from './query';

/**
 * The tab's exports in the cohort's audit trail: one document each in the cohort's partition of `applications`
 * (docs/decisions/0002), created once and never changed.
 */
export class CosmosExportLog implements ExportLog {
  constructor(private readonly container: Container) {}

  async record(entry: ExportRecord): Promise<void> {
    await this.container.items.create(JSON.parse(JSON.stringify({ ...entry, type: 'export' })) as JSONObject);
  }

  async recent(cohortId: string, limit: number): Promise<readonly ExportRecord[]> {
    if (!isStorableId(cohortId)) return [];
    const found = await queryAll(this.container, `SELECT TOP ${pageSize(limit)} * FROM c WHERE c.type = 'export' AND c.cohortId = @cohortId ORDER BY c.at DESC`, { cohortId }, cohortId);
    return found.map((doc) => withoutSystem(ExportDoc.parse(doc)));
  }
}
