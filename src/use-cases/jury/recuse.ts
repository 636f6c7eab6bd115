import { ok } from '../../domain/result';
import { type ApplicationRef } from '../application-change';
import { type JuryDeps, type JuryResult } from './deps';
import { jurorAccess, recordRecusal } from './juror-access';

/** A juror stands aside from an application, with a reason kept in the audit trail. */
export async function recuseFromApplication(deps: JuryDeps, jurorId: string, ref: ApplicationRef, reason: string): Promise<JuryResult<{ recused: true }>> {
  const access = await jurorAccess(deps, jurorId, ref);
  if (!access.ok) return access;
  await recordRecusal(deps, access.value.application, jurorId, reason, false);
  return ok({ recused: true });
}
