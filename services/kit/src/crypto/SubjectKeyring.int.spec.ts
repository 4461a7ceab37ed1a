import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { createPool } from '../db/createPool';
import { migrate } from '../db/migrate';
import { isolatedRun, type IsolatedRun } from '../testing/isolatedRun';
import { eraseSubjectKeys } from './eraseSubjectKeys';
import { MasterKeys } from './MasterKeys';
import { rewrapSubjectKeys } from './rewrapSubjectKeys';
import { leadSubject, visitorSubject } from './Subject';
import { subjectKeysMigrations } from './subjectKeysMigrations';
import { SubjectKeyring } from './SubjectKeyring';

describe('SubjectKeyring against Postgres', () => {
  let run: IsolatedRun;
  let pool: Pool;
  const masterKeyOne = randomBytes(32);
  const masters = MasterKeys.of('mk-1', { 'mk-1': masterKeyOne });

  beforeAll(async () => {
    run = await isolatedRun('keyring');
    pool = await createPool(run.databaseUrl);
    await migrate(pool, 'subject-keys', subjectKeysMigrations);
  });
  afterAll(async () => {
    await pool.end();
    await run.cleanUp();
  });

  it('creates one key per subject however many keyrings race for it, and every keyring opens what any sealed', async () => {
    // prepare: eight processes' keyrings, each with an empty cache
    const keyrings = Array.from({ length: 8 }, () => new SubjectKeyring(pool, masters));
    const subjects = [leadSubject('vera'), visitorSubject('anon-7')];
    // act
    const sealed = await Promise.all(keyrings.map((k, i) => k.seal(subjects[i % 2]!, 'lead_identified.email', `vera${i}@example.com`)));
    // assert
    const { rows } = await pool.query<{ subject: string; n: number }>('select subject, count(*)::int as n from subject_keys group by subject order by subject');
    expect(rows).toEqual([
      { subject: 'lead:vera', n: 1 },
      { subject: 'visitor:anon-7', n: 1 },
    ]);
    const reader = new SubjectKeyring(pool, masters);
    expect(await Promise.all(sealed.map((s) => reader.open('lead_identified.email', s)))).toEqual(sealed.map((_, i) => ({ status: 'open', value: `vera${i}@example.com` })));
    const stored = await pool.query<{ wrapped_key: Buffer }>('select wrapped_key from subject_keys');
    expect(stored.rows.every((r) => r.wrapped_key.length === 60)).toBe(true);
  });

  it('gives `erased` once the keys are gone, idempotently, and a later key never reuses an erased version', async () => {
    const keyring = new SubjectKeyring(pool, masters, { cacheTtlMs: 0 });
    const nadia = leadSubject('nadia');
    const before = await keyring.seal(nadia, 'question_asked.text', 'Can it run on-prem?');
    expect(await eraseSubjectKeys(pool, [nadia])).toBe(1);
    expect(await eraseSubjectKeys(pool, [nadia])).toBe(0);
    keyring.forget([nadia]);
    expect(await keyring.open('question_asked.text', before)).toEqual({ status: 'erased' });
    const after = await keyring.seal(nadia, 'question_asked.text', 'Back again');
    expect(after.split('.')[3]).toBe('2');
    expect(await keyring.open('question_asked.text', after)).toEqual({ status: 'open', value: 'Back again' });
    expect(await keyring.open('question_asked.text', before)).toEqual({ status: 'erased' });
    expect(await keyring.open('question_asked.text', 'not an envelope')).toEqual({ status: 'unreadable' });
  });

  it('rotates the master key: every data key rewrapped with the new one, every envelope still opening', async () => {
    // prepare: keys wrapped by the first master key, then a key file naming a second as current
    const sealed = await new SubjectKeyring(pool, masters).seal(leadSubject('marco'), 'profile_captured.role', 'Marketing Manager');
    const masterKeyTwo = randomBytes(32);
    const rotated = MasterKeys.of('mk-2', { 'mk-1': masterKeyOne, 'mk-2': masterKeyTwo });
    // act
    const first = await rewrapSubjectKeys(pool, rotated, 1);
    const again = await rewrapSubjectKeys(pool, rotated);
    // assert
    expect(first.left).toBe(0);
    expect(first.rewrapped).toBeGreaterThanOrEqual(1);
    expect(again).toEqual({ rewrapped: 0, left: 0 });
    const onlyNew = MasterKeys.of('mk-2', { 'mk-2': masterKeyTwo });
    expect(await new SubjectKeyring(pool, onlyNew).open('profile_captured.role', sealed)).toEqual({ status: 'open', value: 'Marketing Manager' });
  });
});
