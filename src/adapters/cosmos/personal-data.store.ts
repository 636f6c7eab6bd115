import type { Container } from '@azure/cosmos';
import { isStorableId } from '../../domain/ids';
import type { PersonalData, PersonalDataStore } from '../../domain/ports';
import { AuditDoc, ExportDoc, OutboxDoc, RecusalDoc, ScoreDoc, withoutSystem } from './documents';
import { toVersioned } from './application.repository';
import { RecommendationDoc } from './recommendation.repository';
import { queryAll } from './query';

/** The most documents of one kind an extract reads about one person: far above anyone's own, a bound all the same. */
const MOST = 1000;

/**
 * The register extract's reads (ADR 0019): one cross-partition query per kind of document, each on the fields that
 * name a person and each bounded by TOP, so it costs a person's own few documents, never a cohort's. The application
 * query names every role a person has on an application; the audit query takes the person's own events and the
 * trails of the applications they lead.
 */
export class CosmosPersonalDataStore implements PersonalDataStore {
  constructor(private readonly container: Container) {}

  async about(personId: string): Promise<PersonalData> {
    const none: PersonalData = { applications: [], scores: [], recusals: [], audit: [], messages: [], recommendations: [], exports: [] };
    if (!isStorableId(personId)) return none;
    const id = { id: personId };
    const [applications, jury, messages, recommendations, exports] = await Promise.all([
      queryAll(
        this.container,
        `SELECT TOP ${MOST} * FROM c WHERE c.type = 'application' AND (c.applicantId = @id OR ARRAY_CONTAINS(c.coApplicants, { personId: @id }, true) OR ARRAY_CONTAINS(c.deciderIds, @id) OR ARRAY_CONTAINS(c.decidedByIds, @id) OR c.mentorId = @id OR c.sponsorId = @id)`,
        id,
      ),
      queryAll(this.container, `SELECT TOP ${MOST} * FROM c WHERE (c.type = 'score' OR c.type = 'recusal') AND c.jurorId = @id`, id),
      queryAll(this.container, `SELECT TOP ${MOST} * FROM c WHERE c.type = 'outbox' AND c.recipientId = @id`, id),
      queryAll(this.container, `SELECT TOP ${MOST} * FROM c WHERE c.type = 'recommendation' AND (c.personId = @id OR c.recommenderId = @id)`, id),
      queryAll(this.container, `SELECT TOP ${MOST} * FROM c WHERE c.type = 'export' AND (c.actorId = @id OR c.filter.subjectId = @id)`, id),
    ]);
    const apps = applications.map((d) => toVersioned(d).value);
    const led = apps.filter((a) => a.applicantId === personId).map((a) => a.id);
    const audit = await queryAll(this.container, `SELECT TOP ${MOST} * FROM c WHERE c.type = 'audit' AND (c.actorId = @id OR ARRAY_CONTAINS(@led, c.applicationId))`, { id: personId, led });
    return {
      applications: apps,
      scores: jury.filter((d) => (d as { type?: string }).type === 'score').map((d) => {
        const { id: _id, ...score } = withoutSystem(ScoreDoc.parse(d));
        return score;
      }),
      recusals: jury.filter((d) => (d as { type?: string }).type === 'recusal').map((d) => {
        const { id: _id, type: _t, ...recusal } = RecusalDoc.parse(d);
        return recusal;
      }),
      audit: audit.map((d) => withoutSystem(AuditDoc.parse(d))).sort((a, b) => a.at.localeCompare(b.at)),
      messages: messages.map((d) => withoutSystem(OutboxDoc.parse(d))).sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
      recommendations: recommendations.map((d) => {
        const { id: _id, ...r } = withoutSystem(RecommendationDoc.parse(d));
        return r;
      }),
      exports: exports.map((d) => withoutSystem(ExportDoc.parse(d))).sort((a, b) => a.at.localeCompare(b.at)),
    };
  }
}
