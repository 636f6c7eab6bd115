import { z } from 'zod';
import { INTAKE_STEPS, LIMITS, TARGET_GROUPS } from '../../domain/application';
import { isIsoDate } from '../../domain/dates';
import { MUNICIPALITIES } from '../../domain/municipalities';
import type { FieldError } from '../../domain/errors';
import type { StepInput } from '../../domain/intake';
import { ApplicationId, CohortId } from './card-refs';

/**
 * Card data is untrusted: every payload is parsed here before anything reaches a use case. The result is
 * either the typed step input or the errors per field, so the card can come back with the values kept.
 */

/** The routing part of every intake button (which application, which step, which way). */
export const IntakeActionData = z.object({
  applicationId: ApplicationId,
  cohortId: CohortId,
  step: z.enum(INTAKE_STEPS),
  nav: z.enum(['next', 'back', 'stay']).default('next'),
});
export type IntakeActionData = z.output<typeof IntakeActionData>;

/** Everything a card sent that looks like an input value, as strings (Teams sends inputs as strings). */
export function rawValues(data: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(data)) {
    if (typeof val === 'string') out[k] = val;
    else if (typeof val === 'number' || typeof val === 'boolean') out[k] = String(val);
  }
  return out;
}

/** An address as typed, cut to a length that reads in a sentence. */
const shortened = (x: string) => (x.length > 60 ? `${x.slice(0, 60)}…` : x);

type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

class Fields {
  readonly errors: FieldError[] = [];
  constructor(private readonly raw: Readonly<Record<string, string>>) {}

  text(id: string, limits: { min: number; max: number }): string {
    const value = (this.raw[id] ?? '').replace(/\r\n?/g, '\n').trim();
    if (!value) this.errors.push({ field: id, code: 'required' });
    else if (value.length < limits.min) this.errors.push({ field: id, code: 'tooShort', facts: { min: String(limits.min) } });
    else if (value.length > limits.max) this.errors.push({ field: id, code: 'tooLong', facts: { max: String(limits.max) } });
    return value;
  }

  optionalEmail(id: string): string {
    const value = (this.raw[id] ?? '').trim();
    if (value.length > LIMITS.email.max) this.errors.push({ field: id, code: 'tooLong', facts: { max: String(LIMITS.email.max) } });
    else if (value && !z.email().safeParse(value).success) this.errors.push({ field: id, code: 'notEmail', facts: { email: value } });
    return value;
  }

  date(id: string): string {
    const value = (this.raw[id] ?? '').trim();
    if (!value) this.errors.push({ field: id, code: 'required' });
    else if (!isIsoDate(value)) this.errors.push({ field: id, code: 'invalid' });
    return value;
  }

  oneOf<T extends string>(id: string, allowed: readonly T[]): T {
    const value = (this.raw[id] ?? '').trim();
    if (!value) this.errors.push({ field: id, code: 'notChosen' });
    else if (!(allowed as readonly string[]).includes(value)) this.errors.push({ field: id, code: 'invalid' });
    return value as T;
  }

  manyOf<T extends string>(id: string, allowed: readonly T[]): T[] {
    const values = (this.raw[id] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    if (values.length === 0) this.errors.push({ field: id, code: 'notChosen' });
    else if (values.some((x) => !(allowed as readonly string[]).includes(x))) this.errors.push({ field: id, code: 'invalid' });
    return [...new Set(values)] as T[];
  }

  /** A check box that must be ticked. */
  checked(id: string): boolean {
    const value = this.bool(id);
    if (!value) this.errors.push({ field: id, code: 'notChecked' });
    return value;
  }

  bool(id: string): boolean {
    const value = (this.raw[id] ?? 'false').trim();
    if (value !== 'true' && value !== 'false') this.errors.push({ field: id, code: 'invalid' });
    return value === 'true';
  }

  integer(id: string, min: number, max: number): number {
    const value = (this.raw[id] ?? '').trim();
    const n = Number(value);
    if (!value) this.errors.push({ field: id, code: 'required' });
    else if (!Number.isInteger(n) || n < min || n > max) this.errors.push({ field: id, code: 'invalid', facts: { min: String(min), max: String(max) } });
    return n;
  }

  /**
   * A list of addresses: the well-formed ones, and what is wrong with the rest, each address named (cut to a
   * readable length). The problems do not stop the step here: the domain shows them with the step's other problems.
   */
  emails(id: string, max: number): { emails: string[]; problems: FieldError[] } {
    const values = (this.raw[id] ?? '').split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean);
    const problems: FieldError[] = [];
    if (values.length > max) problems.push({ field: id, code: 'tooMany', facts: { max: String(max) } });
    const emails: string[] = [];
    const seen = new Set<string>();
    for (const x of values.slice(0, max + 4)) {
      const key = x.toLowerCase();
      if (x.length > LIMITS.email.max || !z.email().safeParse(x).success) problems.push({ field: id, code: 'notEmail', facts: { email: shortened(x) } });
      else if (seen.has(key)) problems.push({ field: id, code: 'duplicate', facts: { email: x } });
      else emails.push(x);
      seen.add(key);
    }
    return { emails, problems };
  }

  done<T>(value: T): Parsed<T> {
    return this.errors.length > 0 ? { ok: false, errors: this.errors } : { ok: true, value };
  }
}

/** Parses the inputs of one step of the form. */
export function parseStepInput(step: (typeof INTAKE_STEPS)[number], raw: Readonly<Record<string, string>>): Parsed<StepInput> {
  const f = new Fields(raw);
  switch (step) {
    case 'idea': {
      const idea = { title: f.text('title', LIMITS.title), problem: f.text('problem', LIMITS.problem), description: f.text('description', LIMITS.description) };
      return f.done({ step, idea });
    }
    case 'benefit': {
      const benefit = { targetGroups: f.manyOf('targetGroups', TARGET_GROUPS), benefit: f.text('benefit', LIMITS.benefit), applicability: f.text('applicability', LIMITS.applicability) };
      return f.done({ step, benefit });
    }
    case 'about': {
      const about = {
        municipality: f.oneOf('municipality', MUNICIPALITIES),
        administration: f.text('administration', LIMITS.administration),
        workplace: f.text('workplace', LIMITS.workplace),
        managerEmail: f.optionalEmail('managerEmail'),
        permanentEmployment: f.bool('permanentEmployment'),
        employmentStart: f.date('employmentStart'),
      };
      return f.done({ step, about });
    }
    case 'leave': {
      // The range is the domain's rule (explained there); here only "is it a whole number".
      const leave = { extentPercent: f.integer('extentPercent', -1_000_000, 1_000_000), start: f.date('leaveStart'), end: f.date('leaveEnd') };
      const { emails: coApplicantEmails, problems: coApplicantProblems } = f.emails('coApplicants', LIMITS.coApplicants.max);
      return f.done({ step, leave, coApplicantEmails, coApplicantProblems });
    }
    case 'review':
      return f.done({ step, privacyAcknowledged: f.bool('privacyAcknowledged') });
  }
}

/** A co-applicant's answer with their declarations. */
export function parseInvitationAnswer(raw: Readonly<Record<string, string>>): Parsed<{ accept: true; permanentEmployment: boolean; employmentStart: string } | { accept: false }> {
  const f = new Fields(raw);
  const answer = f.oneOf('answer', ['accept', 'decline'] as const);
  if (answer === 'decline') return f.done({ accept: false });
  return f.done({ accept: true, permanentEmployment: f.bool('permanentEmployment'), employmentStart: f.date('employmentStart') });
}
