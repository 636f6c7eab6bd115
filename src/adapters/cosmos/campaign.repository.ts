import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import { AUDIENCE_KINDS, CAMPAIGN_STATES, type Campaign } from '../../domain/announcement';
import { AlreadyExists, ConcurrencyConflict } from '../../domain/errors';
import { isCampaignId } from '../../domain/ids';
import { MUNICIPALITIES } from '../../domain/municipalities';
import type { CampaignRepository, Versioned } from '../../domain/ports';
import { statusOf } from './errors';
import { queryAll } from './query';

/** Campaigns in the programme container, in a partition of their own (a few a year). */
export const CAMPAIGNS_PARTITION = 'campaigns';

const Municipalities = z.array(z.enum(MUNICIPALITIES));
export const CampaignDoc = z.object({
  type: z.literal('campaign'),
  partition: z.literal(CAMPAIGNS_PARTITION),
  id: z.string(),
  cohortId: z.string(),
  title: z.string(),
  text: z.string(),
  link: z.string().optional(),
  audience: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal(AUDIENCE_KINDS[0]) }),
    z.object({ kind: z.literal(AUDIENCE_KINDS[1]), municipalities: Municipalities }),
    z.object({ kind: z.literal(AUDIENCE_KINDS[2]), municipalities: Municipalities }),
    z.object({ kind: z.literal(AUDIENCE_KINDS[3]), emails: z.array(z.string()) }),
  ]),
  createdBy: z.string(),
  createdAt: z.string(),
  state: z.enum(CAMPAIGN_STATES),
  recipients: z.number().int().min(0),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  cancelledBy: z.string().optional(),
  _etag: z.string(),
});

function toVersioned(doc: unknown): Versioned<Campaign> {
  const { type: _t, partition: _p, _etag, ...campaign } = CampaignDoc.parse(doc);
  return { value: campaign, etag: _etag };
}

export class CosmosCampaignRepository implements CampaignRepository {
  constructor(private readonly container: Container) {}

  async get(id: string): Promise<Versioned<Campaign> | null> {
    if (!isCampaignId(id)) return null;
    const { resource } = await this.container.item(id, CAMPAIGNS_PARTITION).read();
    return resource ? toVersioned(resource) : null;
  }

  async recent(limit: number): Promise<readonly Campaign[]> {
    const found = await queryAll(this.container, "SELECT TOP @limit * FROM c WHERE c.type = 'campaign' ORDER BY c.createdAt DESC", { limit }, CAMPAIGNS_PARTITION);
    return found.map((d) => toVersioned(d).value);
  }

  async save(campaign: Campaign, expectedEtag?: string): Promise<Versioned<Campaign>> {
    const body = JSON.parse(JSON.stringify({ ...campaign, type: 'campaign', partition: CAMPAIGNS_PARTITION })) as Record<string, unknown>;
    try {
      const { resource } = expectedEtag
        ? await this.container.item(campaign.id, CAMPAIGNS_PARTITION).replace(body, { accessCondition: { type: 'IfMatch', condition: expectedEtag } })
        : await this.container.items.create(body);
      return toVersioned(resource);
    } catch (e) {
      const status = statusOf(e);
      if (status === 409) throw new AlreadyExists('campaign', campaign.id);
      if (status === 412 || status === 404) throw new ConcurrencyConflict('campaign', campaign.id);
      throw e;
    }
  }
}
