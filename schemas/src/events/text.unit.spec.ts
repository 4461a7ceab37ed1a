import fc from 'fast-check';
import { text, unstorableTextReason } from './text';

describe('text: what Postgres and Avro can store, refused otherwise with the reason', () => {
  const field = text({ max: 256 });

  it.each([
    ['a BOM', '\ufeffPricing'],
    ['right-to-left and left-to-right marks', '\u200fمرحبا\u200e'],
    ['a 4-byte emoji (a surrogate pair)', 'great demo 🚀👩‍💻'],
    ['other control characters', 'tab\tand\nnewline\u0001'],
  ])('keeps %s as sent', (_label, value) => {
    expect(field.safeParse(value)).toEqual({ success: true, data: value });
  });

  it.each([
    ['NUL', 'camp\u0000aign', /NUL character \(U\+0000\) at character 4/],
    ['a lone high surrogate', 'x\ud800', /lone UTF-16 surrogate \(U\+D800\) at character 1/],
    ['a lone low surrogate', '\udc00y', /lone UTF-16 surrogate \(U\+DC00\) at character 0/],
    ['reversed surrogate halves', '\ude00\ud83d', /lone UTF-16 surrogate \(U\+DE00\)/],
  ])('refuses %s, naming where it is', (_label, value, message) => {
    const result = field.safeParse(value);

    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(message);
  });

  it('accepts exactly the strings whose UTF-8 round trip is lossless and that hold no NUL', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (value) => {
        const storable = Buffer.from(value, 'utf8').toString('utf8') === value && !value.includes('\u0000');
        expect(unstorableTextReason(value) === undefined).toBe(storable);
      }),
    );
  });
});
