import type { UseCaseResult } from '../../domain/errors';
import { ok } from '../../domain/result';
import type { ApplicationRef } from '../change';
import type { ProgrammeDeps } from '../programme/deps';
import { jurorAccess, recordRecusal } from './juror-access';

/** A juror stands aside from an application, with a reason kept in the audit trail. */
export async function recuseFromApplication(deps: ProgrammeDeps, jurorId: string, ref: ApplicationRef, reason: string): Promise<UseCaseResult<{ recused: true }>> {
  const access = await jurorAccess(deps, jurorId, ref);
  if (!access.ok) return access;
  const recorded = await recordRecusal(deps, ref, jurorId, reason, false);
  return recorded.ok ? ok({ recused: true }) : recorded;
}
