import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ScoringModel } from '@leadflow/scoring';
import { repoRoot } from '../commands/stack';

/** What the Kafka Streams peer reports: records folded and how long processing and commits took. */
export interface StreamsPeerRun {
  records: number;
  processMs: number;
  processAndCommitMs: number;
  withStartupMs: number;
}

const PEER_DIR = join(repoRoot, 'services', 'cli', 'src', 'bench', 'kafka-streams-peer');

/**
 * The peer's points per activity type, from the model: the intent an event of that type earns at
 * its most common shape (a question earns its specificity times these points). Caps and the
 * dimensions are left out: the peer is there to time the same kind of work, not to score.
 */
export function peerPointsOf(model: ScoringModel): Record<string, number> {
  const p = model.intent.points;
  const assets = Object.values(p.assetTypes);
  return {
    page_viewed: p.pageView,
    content_consumed: (assets.reduce((a, b) => a + b, 0) / assets.length) * p.unknownCompletion,
    email_engaged: p.emailClick,
    link_opened: p.linkOpened,
    form_submitted: p.formSubmitted,
    feature_explored: p.featureExplored,
    tool_used: p.toolCompleted,
    demo_requested: p.demoRequested,
    contact_requested: p.contactRequested,
    question_asked: p.questionSpecificity,
    session_started: p.returningSession,
    content_shared: p.contentShared,
  };
}

/** Builds the peer with Maven when its classes are missing or older than its sources; returns its class path. */
function buildPeer(): string {
  const classpathFile = join(PEER_DIR, 'target', 'classpath.txt');
  const source = join(PEER_DIR, 'src', 'main', 'java', 'io', 'leadflow', 'bench', 'DecayedIntentPeer.java');
  const stale = !existsSync(classpathFile) || statSync(classpathFile).mtimeMs < Math.max(statSync(source).mtimeMs, statSync(join(PEER_DIR, 'pom.xml')).mtimeMs);
  if (stale) {
    console.log('building the Kafka Streams peer with Maven (first time only)');
    const built = spawnSync('mvn', ['-q', '-B', 'package'], { cwd: PEER_DIR, stdio: 'inherit' });
    if (built.status !== 0) throw new Error(`mvn package of ${PEER_DIR} failed (exit ${built.status ?? built.signal}); is Maven installed?`);
  }
  return `${join(PEER_DIR, 'target', 'classes')}:${readFileSync(classpathFile, 'utf8').trim()}`;
}

/**
 * Runs the Kafka Streams peer on the topics keyed by lead, and the others re-keyed by lead through a
 * repartition topic, until it has folded `expected` records with exactly-once
 * processing, and returns its own timing (from its first record on, commits included).
 */
export async function runStreamsPeer(options: {
  brokers: string;
  registryUrl: string;
  leadKeyedTopics: string[];
  otherTopics: string[];
  outputTopic: string;
  applicationId: string;
  expected: number;
  model: ScoringModel;
  timeoutMs: number;
}): Promise<StreamsPeerRun> {
  const classpath = buildPeer();
  const halfLife = options.model.intent.dimensions.contentEngagement.halfLifeDays;
  const points = Object.entries(peerPointsOf(options.model)).map(([type, value]) => `${type}=${value}`).join(',');
  const args = ['-Xmx512m', '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn', '-cp', classpath, 'io.leadflow.bench.DecayedIntentPeer', options.brokers, options.registryUrl, options.leadKeyedTopics.join(','), options.outputTopic, options.applicationId, String(options.expected), String(halfLife), points, options.otherTopics.join(',')];
  return new Promise((resolve, reject) => {
    const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`the Kafka Streams peer exited with ${code ?? signal}: ${out.slice(-500)}`));
      try {
        resolve(JSON.parse(line) as StreamsPeerRun);
      } catch {
        reject(new Error(`the Kafka Streams peer printed no figures: ${out.slice(-500)}`));
      }
    });
  });
}
