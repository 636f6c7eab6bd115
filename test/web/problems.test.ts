import { messages } from '../../src/i18n';
import { fieldTexts, refusalText } from '../../web/src/problems';

/** The tab words the server's refusals with the bot's own sentences (src/i18n), in the person's language. */
describe("the tab's words for refusals", () => {
  const sv = messages('sv');
  const en = messages('en');

  it('says how much is left when an expense would overspend, in kronor as Swedes write them', () => {
    expect(refusalText({ error: 'OVERSPEND', facts: { remainingOre: '125050' } }, sv, 'expense')).toBe('Det här går över budgeten. Kvar att använda: 1\u00a0250,50\u00a0kr.');
    expect(refusalText({ error: 'OVERSPEND', facts: { remainingOre: '125050' } }, en, 'expense')).toContain('1\u00a0250,50\u00a0kr');
  });

  it("uses the form's own sentence where the code means something else there", () => {
    expect(refusalText({ error: 'NOT_FOUND' }, sv, 'expense')).toBe(sv.programme.expense.noBudget);
    expect(refusalText({ error: 'NOT_FOUND' }, sv)).toBe(sv.errors.NOT_FOUND);
    expect(refusalText({ error: 'ROUND_LOCKED' }, sv)).toBe(sv.jury.roundLocked);
    expect(refusalText({ error: 'RECUSED', facts: { reason: 'manager', automatic: 'true' } }, sv)).toBe(sv.jury.recusedAuto.manager);
    expect(refusalText({ error: 'SOMETHING_NEW' }, sv)).toBe(sv.tab.problems.broken);
  });

  it('puts each field error beside its field: the rule it breaks, the attestation, the amount', () => {
    const texts = fieldTexts(
      {
        error: 'FIELDS',
        fields: [
          { field: 'attestPermanent', code: 'notChecked' },
          { field: 'extentPercent', code: 'rule', rule: 'leaveExtent', facts: { min: '10', max: '100' } },
          { field: 'reason', code: 'required' },
        ],
      },
      sv,
      'decide',
    );
    expect(texts).toEqual({ attestPermanent: sv.approval.attestRequired, extentPercent: 'Tjänstledigheten ska vara mellan 10 och 100 procent.', reason: sv.approval.reasonRequired });
    expect(fieldTexts({ error: 'FIELDS', fields: [{ field: 'amount', code: 'invalid' }] }, sv, 'expense')).toEqual({ amount: sv.programme.expense.invalidAmount });
    expect(fieldTexts({ error: 'INVALID_SCORE', fields: [{ field: 'drive', code: 'invalid' }] }, en, 'score')).toEqual({ drive: en.jury.chooseValue });
  });
});
