import { outsideTurn, readOnce, remember, withTurnCache } from '../../../src/adapters/cosmos/turn-cache';

describe('the turn cache', () => {
  it('remembers a read for the rest of the turn, and nothing outside a turn', async () => {
    let reads = 0;
    const read = () => readOnce('doc', async () => ++reads);
    await withTurnCache(async () => {
      expect([await read(), await read()]).toEqual([1, 1]);
    });
    expect([await read(), await read()]).toEqual([2, 3]);
  });

  it('work a turn starts but that outlives it (the woken outbox worker) reads the store, not the turn’s memory', async () => {
    let stored = 'as the turn read it';
    let later: Promise<string> | undefined;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    await withTurnCache(async () => {
      expect(await readOnce('application', async () => stored)).toBe('as the turn read it');
      remember('application', 'as the turn read it');
      // A loop started from inside the turn, reading after the turn has ended and the document has changed.
      later = outsideTurn(async () => {
        await gate;
        return readOnce('application', async () => stored);
      });
    });
    stored = 'as stored now';
    release();
    expect(await later).toBe('as stored now');
  });
});
