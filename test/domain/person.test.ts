import { withSteeringGroupMember, type ProgrammeSettings } from '../../src/domain/person';

const settings = (steeringGroupIds: string[]): ProgrammeSettings => ({ coordinatorIds: ['c1'], hrContactIds: { Bjuv: 'h1' }, steeringGroupIds });

describe('withSteeringGroupMember', () => {
  it.each([
    ['adds a new member after the others', ['s1'], 's2', true, ['s1', 's2']],
    ['adds the first member', [], 's1', true, ['s1']],
    ['adding a member again changes nothing', ['s1', 's2'], 's1', true, ['s1', 's2']],
    ['removes a member, keeping the order of the rest', ['s1', 's2', 's3'], 's2', false, ['s1', 's3']],
    ['may remove the last member: the steering group may be empty', ['s1'], 's1', false, []],
    ['removing someone who is not a member changes nothing', ['s1'], 's9', false, ['s1']],
    ['removing from an empty group changes nothing', [], 's1', false, []],
  ] as const)('%s', (_name, before, personId, add, after) => {
    const next = withSteeringGroupMember(settings([...before]), personId, add);
    expect(next).toEqual(settings([...after]));
  });

  it('leaves the coordinators, the HR contacts and the settings it was given as they were', () => {
    const given = settings(['s1']);
    const next = withSteeringGroupMember(given, 'c1', true);
    expect(next).toEqual({ coordinatorIds: ['c1'], hrContactIds: { Bjuv: 'h1' }, steeringGroupIds: ['s1', 'c1'] });
    expect(given).toEqual(settings(['s1']));
  });
});
