import { COMMANDS, mayUse, parseCommand } from '../../../src/adapters/teams/commands';
import type { Role } from '../../../src/domain/person';

describe('parseCommand', () => {
  it.each([
    ['hjälp', 'help', ''],
    ['Hjälp', 'help', ''],
    ['  HJÄLP  ', 'help', ''],
    ['hjalp', 'help', ''],
    ['help', 'help', ''],
    ['help!', 'help', ''],
    ['meny', 'help', ''],
    ['om programmet', 'about', ''],
    ['om   programmet', 'about', ''],
    ['om', 'about', ''],
    ['about', 'about', ''],
    ['vem är jag?', 'whoami', ''],
    ['Vem är jag', 'whoami', ''],
    ['who am i', 'whoami', ''],
    ['whoami', 'whoami', ''],
    ['kohorter', 'cohorts', ''],
    ['Kohorter pilot 1', 'cohorts', 'pilot 1'],
    ['cohorts', 'cohorts', ''],
  ])('recognises %j as %s', (input, id, args) => {
    const parsed = parseCommand(input);
    expect(parsed).toMatchObject({ kind: 'command', command: { id }, args });
  });

  it.each([
    ['hjälpp', 'help'],
    ['hälp', 'help'],
    ['hepl', 'help'],
    ['kohoter', 'cohorts'],
    ['kohorterr', 'cohorts'],
    ['cohorst', 'cohorts'],
    ['vem ar jg', 'whoami'],
    ['abuot', 'about'],
  ])('suggests the nearest command for the typo %j', (input, id) => {
    expect(parseCommand(input)).toMatchObject({ kind: 'unknown', suggestion: { id } });
  });

  it.each(['kvarglupp', 'jag vill ha kaffe', 'x'])('has no suggestion for %j', (input) => {
    const parsed = parseCommand(input);
    expect(parsed.kind).toBe('unknown');
    expect(parsed.kind === 'unknown' && parsed.suggestion).toBeUndefined();
  });

  it.each(['', '   ', '!!!'])('treats %j as empty', (input) => {
    expect(parseCommand(input)).toEqual({ kind: 'empty' });
  });
});

describe('who may use what', () => {
  const only = (...roles: Role[]) => new Set<Role>(roles);
  it.each([
    ['help', only('employee'), true],
    ['cohorts', only('employee'), false],
    ['cohorts', only('employee', 'manager', 'juror', 'hrContact'), false],
    ['cohorts', only('employee', 'coordinator'), true],
  ] as const)('%s for %p: %s', (id, roles, allowed) => {
    const command = COMMANDS.find((c) => c.id === id);
    if (!command) throw new Error(`no command ${id}`);
    expect(mayUse(command, roles)).toBe(allowed);
  });
});
