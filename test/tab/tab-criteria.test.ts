import { DEMO_COHORT_ID } from '../../src/demo/demo';
import { anApplication, creationAudit } from '../builders/application.builder';
import { confirmed } from '../helpers/card-actions';
import { answerOf, callTab } from '../helpers/tab-client';
import { invokeCard, readable, type TeamsUser } from '../helpers/teams-client';
import { testBotFor } from '../helpers/test-app';
import { erik, lena, mikael, sara } from '../helpers/demo-users';

/**
 * Issue 15, must-show 5: the cohort's criteria edited in the tab reach the jurors' scoring cards (names, weights, what 1,
 * 3 and 5 mean) and the ranking's weights; once the jury round has opened they cannot be edited.
 */

const as = (user: TeamsUser) => ({ demo: user.aadObjectId });
const GUIDE = { 1: 'Gör liten skillnad för invånarna.', 3: 'Märks för en del invånare.', 5: 'Förändrar vardagen för många invånare.' };

describe('the selection criteria', () => {
  const bot = testBotFor('each', { TAB_DEMO_SIGNIN: 'true' });

  it('edited in the tab, reach the scoring card and the weights, and lock when the round opens', async () => {
    const before = answerOf('criteria', await callTab(bot.app.url, 'criteria', {}, as(erik)));
    expect(before.locked).toBe(false);
    expect(before.criteria.map((c) => c.id)).toEqual(['benefit', 'boldness', 'applicability', 'feasibility', 'drive']);

    const refused = await callTab(bot.app.url, 'saveCriteria', { cohortId: DEMO_COHORT_ID, criteria: [{ name: 'Nytta', weight: 0 }, { name: 'nytta ', weight: 1.2 }] }, as(erik));
    expect(refused).toMatchObject({ status: 400, body: { error: 'INVALID_CRITERIA', fields: [{ field: 'criteria.0.weight', code: 'notPositive' }, { field: 'criteria.1.name', code: 'duplicate' }, { field: 'criteria.1.weight', code: 'notHalfStep' }] } });
    expect(answerOf('criteria', await callTab(bot.app.url, 'criteria', {}, as(erik))).criteria).toHaveLength(5);

    const saved = answerOf('saveCriteria', await callTab(bot.app.url, 'saveCriteria', { cohortId: DEMO_COHORT_ID, criteria: [{ id: 'benefit', name: 'Nytta för invånarna', weight: 3, guide: GUIDE }, { name: 'Går att sprida i alla elva kommuner', weight: 1 }] }, as(erik)));
    expect(saved.criteria).toEqual([{ id: 'benefit', name: 'Nytta för invånarna', weight: 3, guide: GUIDE }, { id: 'gar-att-sprida-i-alla-elva-kommuner', name: 'Går att sprida i alla elva kommuner', weight: 1 }]);
    // A juror or the steering group may not touch them.
    expect((await callTab(bot.app.url, 'saveCriteria', { cohortId: DEMO_COHORT_ID, criteria: [{ name: 'Min egen', weight: 1 }] }, as(lena))).status).toBe(403);

    const a = anApplication({ cohortId: DEMO_COHORT_ID, applicantId: sara.aadObjectId, applicantName: sara.name, state: 'approved' });
    await bot.app.services.applications.create(a, creationAudit(a));
    expect((await confirmed(bot, erik, 'öppna juryrunda', 'jury.round.open')).answer).toContain('Juryrundan är öppen');

    // The scoring card in the chat names the cohort's criteria with their weights and what 1, 3 and 5 mean.
    const ref = { cohortId: DEMO_COHORT_ID, applicationId: a.id };
    const opened = invokeCard(await bot.teams.execute(lena, 'jury.open', ref));
    const labels = JSON.stringify(opened).match(/"label":"[^"]*"/g) ?? [];
    expect(labels).toEqual(expect.arrayContaining(['"label":"Nytta för invånarna (vikt 3)"', '"label":"Går att sprida i alla elva kommuner (vikt 1)"']));
    expect(labels.join(' ')).not.toContain('Djärvhet');
    expect(readable(opened)).toContain('1 = Gör liten skillnad för invånarna. 3 = Märks för en del invånare. 5 = Förändrar vardagen för många invånare.');
    // And the tab shows the juror the same.
    const review = answerOf('review', await callTab(bot.app.url, 'review', ref, as(lena)));
    expect(review.criteria).toEqual(saved.criteria);

    // Scored on them: the verdict is weighted 3 to 1.
    await bot.teams.execute(lena, 'jury.score', { ...ref, c_benefit: '5', 'c_gar-att-sprida-i-alla-elva-kommuner': '1' });
    answerOf('score', await callTab(bot.app.url, 'score', { ...ref, values: { benefit: 1, 'gar-att-sprida-i-alla-elva-kommuner': 5 }, comment: '' }, as(mikael)));
    const stored = (await bot.app.services.applications.get(DEMO_COHORT_ID, a.id))?.value.jury;
    expect(stored?.verdicts).toEqual({ [lena.aadObjectId]: 4, [mikael.aadObjectId]: 2 });
    const row = answerOf('rankingRow', await callTab(bot.app.url, 'rankingRow', ref, as(erik)));
    expect(row.criterionMeans).toEqual({ benefit: 3, 'gar-att-sprida-i-alla-elva-kommuner': 3 });
    expect(row.scores.map((x) => x.mean).sort()).toEqual([2, 4]);

    const locked = await callTab(bot.app.url, 'saveCriteria', { cohortId: DEMO_COHORT_ID, criteria: [{ name: 'För sent', weight: 1 }] }, as(erik));
    expect(locked).toMatchObject({ status: 409, body: { error: 'CRITERIA_LOCKED' } });
    expect(answerOf('criteria', await callTab(bot.app.url, 'criteria', {}, as(erik)))).toMatchObject({ locked: true, criteria: saved.criteria });
  });
});
