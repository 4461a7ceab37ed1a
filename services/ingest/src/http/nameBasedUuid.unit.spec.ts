import fc from 'fast-check';
import { v5 as uuidv5 } from 'uuid';
import { nameBasedUuid } from './nameBasedUuid';

describe('nameBasedUuid', () => {
  const namespace = '8f3b2c1e-6d4a-4b9e-a0c7-2e5f1d3b7a90';

  it('gives the ids the uuid package gives, so ids stored before stay the same', () => {
    const id = nameBasedUuid(namespace);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.uuid(), (name, other) => {
        expect(id(name)).toBe(uuidv5(name, namespace));
        expect(nameBasedUuid(other)(name)).toBe(uuidv5(name, other));
      }),
      { numRuns: 500 },
    );
  });

  it('matches the RFC 9562 example', () => {
    // RFC 9562, appendix A.4: the DNS namespace and the name www.example.com.
    expect(nameBasedUuid('6ba7b810-9dad-11d1-80b4-00c04fd430c8')('www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('refuses a namespace that is not a UUID', () => {
    expect(() => nameBasedUuid('not-a-uuid')).toThrow(RangeError);
  });
});
