import type { Application, ManagerApproval } from '../../domain/application';
import { ledger } from '../../domain/budget';
import type { ApprovalSchedule } from '../../domain/approval';
import type { Refusal } from '../../domain/errors';
import type { Role } from '../../domain/person';
import type { CampaignRepository, ConversationAddressBook, ExportLog, PersonalDataStore, RecommendationRepository } from '../../domain/ports';
import type { ProgrammeDeps } from '../../use-cases/programme/deps';
import type { z } from 'zod';
import type { CommandId } from '../teams/commands';
import type { ApiError, ApplicationFull, TAB_API, TabRouteId } from './contract';

/**
 * What every route of the tab's API shares: the services it runs on, who calls, how an answer and a refusal look, and
 * the application as each of its readers may see it.
 */

/** The ports the tab's use cases need: the bot's own. */
export interface TabServices extends ProgrammeDeps {
  readonly schedule?: ApprovalSchedule;
  readonly personalChatLink?: string;
  /** Where the tab's exports are written down (who exported what, when). */
  readonly exportLog: ExportLog;
  readonly campaigns: CampaignRepository;
  /** Managers' recommendations (issue 17). */
  readonly recommendations: RecommendationRepository;
  /** The register extract (ADR 0019). */
  readonly personalData: PersonalDataStore;
  readonly addresses: ConversationAddressBook;
}

/** The verified person behind a request and their roles, resolved from server-side state as in the bot. */
export interface TabCaller {
  readonly id: string;
  readonly roles: ReadonlySet<Role>;
}

export type TabAnswer = { readonly status: 200; readonly body: unknown } | { readonly status: 400 | 403 | 404 | 409; readonly body: ApiError };

export type Request<R extends TabRouteId> = z.output<(typeof TAB_API)[R]['request']>;

/**
 * Every API route: the bot command whose roles it answers (COMMANDS: one table for both, so the tab allows exactly
 * what the chat allows) and the handler, which calls the bot's use cases. A command with `answersOthers` runs for
 * anyone and its use case refuses others from stored state.
 */
export interface TabRoute<R extends TabRouteId> {
  readonly as: CommandId;
  handle(s: TabServices, caller: TabCaller, request: Request<R>): Promise<TabAnswer>;
}

export const ok = (body: unknown): TabAnswer => ({ status: 200, body });

/** A use case's refusal as the tab hears it: a status and a stable code the browser words (src/i18n). */
export function refusalAnswer(e: Refusal): TabAnswer {
  switch (e.code) {
    case 'FIELDS':
      return { status: 400, body: { error: e.code, fields: e.fields.map((f) => ({ field: f.field, code: f.code, ...(f.rule ? { rule: f.rule } : {}), ...(f.facts ? { facts: { ...f.facts } } : {}) })) } };
    case 'OVERSPEND':
      return { status: 400, body: { error: e.code, facts: { remainingOre: String(e.remainingOre) } } };
    case 'INVALID_SCORE':
      return { status: 400, body: { error: e.code, fields: e.problems.map((p) => ({ field: p.criterionId ?? 'score', code: 'invalid' })) } };
    case 'INVALID_INPUT':
      return { status: 400, body: { error: e.code } };
    case 'FIELD':
      // One field of a coordinator's action: a person nobody has that address, a team that cannot be joined.
      return { status: 400, body: { error: 'FIELDS', fields: [{ field: e.field, code: e.reason === 'required' || e.reason === 'team' ? e.reason : 'unknownPerson' }] } };
    case 'INVALID_CRITERIA':
      return { status: 400, body: { error: e.code, fields: e.problems.map((p) => ('index' in p ? { field: `criteria.${p.index}.${p.code === 'unknownId' ? 'id' : p.code}`, code: 'reason' in p ? p.reason : 'unknown' } : { field: 'criteria', code: p.code })) } };
    case 'NOT_ALLOWED':
    case 'NOT_JUROR':
      return { status: 403, body: { error: e.code } };
    case 'NOT_FOUND':
      return { status: 404, body: { error: e.code } };
    case 'RECUSED':
      return { status: 409, body: { error: e.code, facts: { reason: e.reason, automatic: String(e.automatic) } } };
    case 'INTAKE_CLOSED':
      return { status: 409, body: { error: e.code, ...(e.nextOpensAt ? { facts: { nextOpensAt: e.nextOpensAt } } : {}) } };
    default:
      // The state moved (decided by someone else, round locked, programme over): the browser reloads and shows it.
      return { status: 409, body: { error: e.code } };
  }
}

export const fieldError = (field: string, code: string, facts?: Record<string, string>): TabAnswer => ({ status: 400, body: { error: 'FIELDS', fields: [{ field, code, ...(facts ? { facts } : {}) }] } });

/** Names of people by id, from the directory, each read once; an id nobody knows stays unnamed. */
export async function namesOf(s: TabServices, ids: readonly (string | undefined)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  const people = await Promise.all(unique.map((id) => s.directory.getPerson(id)));
  return new Map(unique.flatMap((id, i) => (people[i] ? [[id, people[i].name] as const] : [])));
}

/** A team's budget with every expense, as the team and the coordinators read it. */
export function budgetView(budget: NonNullable<Application['budget']>, names: ReadonlyMap<string, string>) {
  const l = ledger(budget);
  return {
    allocatedOre: l.allocated,
    spentOre: l.approved,
    pendingOre: l.pending,
    leftOre: l.remaining,
    expenses: budget.expenses.map((x) => ({
      id: x.id,
      ore: x.ore,
      description: x.description,
      status: x.status,
      reportedByName: names.get(x.reportedBy) ?? '',
      reportedAt: x.reportedAt,
      ...(x.decidedAt ? { decidedAt: x.decidedAt } : {}),
      ...(x.reason ? { reason: x.reason } : {}),
    })),
  };
}

/** One member's participation and leave as their manager decided it (or has yet to). */
export function approvalSummary(x: ManagerApproval, names: ReadonlyMap<string, string>) {
  return {
    memberName: x.memberName,
    managerName: names.get(x.managerId) ?? '',
    ...(x.decidedBy && names.has(x.decidedBy) ? { decidedByName: names.get(x.decidedBy) } : {}),
    status: x.status,
    escalated: Boolean(x.escalatedTo),
    ...(x.decidedAt ? { decidedAt: x.decidedAt } : {}),
    ...(x.reason ? { reason: x.reason } : {}),
    ...(x.leave ? { leave: x.leave } : {}),
  };
}

/**
 * Who reads: the lead applicant and those who decide read it all; a co-applicant reads the idea and the team, not the
 * lead's leave, employment or manager; a juror reads the idea and who applies.
 */
export type Audience = 'lead' | 'coApplicant' | 'decider' | 'juror';

/** The application in full as its reader may see it (Audience). */
export function applicationFull(a: Application, cohortName: string, audience: Audience, names: ReadonlyMap<string, string>): ApplicationFull {
  const about = a.about;
  const personal = audience === 'lead' || audience === 'decider';
  return {
    id: a.id,
    cohortId: a.cohortId,
    cohortName,
    applicantName: a.applicantName,
    state: a.state,
    ...(a.submittedAt ? { submittedAt: a.submittedAt } : {}),
    ...(a.idea ? { idea: a.idea } : {}),
    ...(a.benefit ? { benefit: { ...a.benefit, targetGroups: [...a.benefit.targetGroups] } } : {}),
    ...(about
      ? {
          about: {
            municipality: about.municipality,
            administration: about.administration,
            workplace: about.workplace,
            ...(personal
              ? { managerName: names.get(about.managerId) ?? '', managerFromDirectory: about.managerFromDirectory, permanentEmployment: about.permanentEmployment, employmentStart: about.employmentStart }
              : {}),
          },
        }
      : {}),
    ...(personal && a.leave ? { leave: a.leave } : {}),
    ...(personal && a.recommendedBy ? { recommendedByName: a.recommendedBy.name } : {}),
    coApplicants: a.coApplicants.filter((c) => audience !== 'juror' || c.status !== 'declined').map((c) => ({ name: c.name, status: c.status, ...(c.respondedAt ? { respondedAt: c.respondedAt } : {}) })),
  };
}

