import { isJsonMediaType } from './isJsonMediaType';

describe('isJsonMediaType', () => {
  it.each(['application/json', 'application/JSON', 'Application/Json; charset=utf-8', 'application/json;charset="UTF-8"'])('takes %s', (type) => {
    expect(isJsonMediaType(type)).toBe(true);
  });

  it.each([
    undefined,
    '',
    '*/*',
    'text/plain',
    'application/json-patch+json',
    'application/merge-patch+json',
    'application/JSON; charset=latin1',
    'application/json; charset=utf-16',
    'application/json; boundary=x',
    'application/jsonp',
    'application/x-www-form-urlencoded',
  ])('refuses %s', (type) => {
    expect(isJsonMediaType(type)).toBe(false);
  });
});
