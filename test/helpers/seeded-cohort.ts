import { DEMO_COHORT_ID, DEMO_PEOPLE } from '../../src/demo/demo';
import demoDirectory from '../../src/demo/directory.json';
import { syntheticApplication, writeSynthetic } from '../../src/demo/synthetic-cohort';
import type { Application } from '../../src/domain/application';
import type { TestBot } from './test-app';
import type { TeamsUser } from './teams-client';

/**
 * The demo cohort with `n` made-up applications across the eleven municipalities (src/demo/synthetic-cohort.ts),
 * written straight into the bot's store, its jury round open and room for 20. The first ten are by people of the demo
 * directory who apply and nothing else (`applicants`: Noor, Oskar, Maja …, each in review with the demo jury's
 * scores): have them say something to the bot first, and the bot can reach them when their selection is told.
 */
export async function seedCohort(bot: TestBot, options: { readonly n: number }): Promise<{ applications: readonly Application[]; applicants: readonly TeamsUser[] }> {
  const people = demoDirectory.people.filter((p) => Number(p.id.slice(-3)) >= 7 && Number(p.id.slice(-3)) <= 16);
  const cohort = await bot.app.services.cohorts.get(DEMO_COHORT_ID);
  if (!cohort) throw new Error('no demo cohort');
  const options_ = { cohortId: DEMO_COHORT_ID, n: options.n, jurorIds: cohort.value.jurorIds, managerId: DEMO_PEOPLE.manager, coordinatorId: DEMO_PEOPLE.coordinator, applicants: people.map((p) => ({ id: p.id, name: p.name })) };
  const applications = Array.from({ length: options.n }, (_, i) => syntheticApplication(i, options_));
  await writeSynthetic(bot.app.store.containers.applications, applications, options_);
  await bot.app.services.cohorts.save({ ...cohort.value, juryRound: 'open', capacity: 20 }, cohort.etag);
  return { applications, applicants: people.map((p) => ({ aadObjectId: p.id, name: p.name })) };
}
