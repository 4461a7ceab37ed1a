import { defaultModel } from './activityFixtures.spec';
import { gradeFor } from './gradeFor';

const model = defaultModel();

describe('gradeFor', () => {
  it.each([
    [100, 'A'],
    [80, 'A'],
    [79, 'B'],
    [60, 'B'],
    [59, 'C'],
    [40, 'C'],
    [39, 'D'],
    [20, 'D'],
    [19, 'F'],
    [0, 'F'],
  ])('grades a total of %i as %s', (total, grade) => {
    expect(gradeFor(total, model)).toBe(grade);
  });
});
