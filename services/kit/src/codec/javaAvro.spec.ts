import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Test support: the Apache Avro for Java program in infra/contract-check, built by Maven (offline
 * from its local repository after the first run) and run once for a whole batch of cases.
 */
const root = join(__dirname, '..', '..', '..', '..');
const pom = join(root, 'infra', 'contract-check', 'pom.xml');
const output = join(root, 'infra', '.cache', 'contract-check');

export interface JavaCase {
  name: string;
  /** The registry id of the schema Java writes `value` with. */
  schemaId: number;
  /** Plain JSON, unions untagged, as a Python or JavaScript producer holds the record. */
  value: unknown;
  /** A record another writer encoded in the Confluent wire format, for Java to read. */
  encoded: Buffer;
}

export interface JavaAnswer {
  name: string;
  /** Java's record in the Confluent wire format, base64. */
  written?: string;
  writtenBranches?: Record<string, string>;
  /** `encoded` as Java read it with its writer's schema, as plain JSON. */
  decoded?: unknown;
  decodedBranches?: Record<string, string>;
  error?: string;
}

export function buildJavaAvro(): void {
  execFileSync('mvn', ['-f', pom, '-B', '-ntp', '-q', 'compile', 'dependency:copy-dependencies'], { stdio: 'inherit' });
}

export function runJavaAvro(registryUrl: string, cases: JavaCase[]): JavaAnswer[] {
  const dir = mkdtempSync(join(tmpdir(), 'leadflow-contract-'));
  try {
    const request = join(dir, 'request.json');
    const response = join(dir, 'response.json');
    const wire = cases.map((c) => ({ ...c, encoded: c.encoded.toString('base64') }));
    writeFileSync(request, JSON.stringify({ registryUrl, cases: wire }));
    const classpath = [join(output, 'classes'), join(output, 'lib', '*')].join(':');
    execFileSync('java', ['-cp', classpath, 'io.leadflow.contractcheck.ContractCheck', request, response], { stdio: 'inherit' });
    return (JSON.parse(readFileSync(response, 'utf8')) as { answers: JavaAnswer[] }).answers;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
