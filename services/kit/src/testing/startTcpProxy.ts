import { createConnection, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A TCP proxy between a service and a dependency, to make the link go silent or drop. */
export interface TcpProxy {
  port: number;
  /** Holds everything in both directions, new links and closes too, as on a link gone silent. */
  pause(): void;
  /** Forwards again what was held and what comes. */
  resume(): void;
  /** Closes every open link (the dependency sees its clients go away). */
  dropAll(): void;
  close(): Promise<void>;
}

/** Starts a proxy on a free port of 127.0.0.1 that forwards to `target`. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let paused = false;
  const held: (() => void)[] = [];
  const links = new Set<Socket>();
  const forward = (from: Socket, to: Socket) =>
    from.on('data', (chunk) => {
      const send = () => void (to.destroyed || to.write(chunk));
      if (paused) held.push(send);
      else send();
    });
  const open = (client: Socket) => {
    const upstream = createConnection(target);
    links.add(client).add(upstream);
    forward(client, upstream);
    forward(upstream, client);
    const end = () => {
      if (paused) return held.push(end);
      links.delete(client);
      links.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) socket.on('error', end).on('close', end);
  };
  const server = createServer((client) => {
    if (paused) held.push(() => open(client));
    else open(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const destroyAll = () => {
    for (const socket of links) socket.destroy();
    links.clear();
  };
  return {
    port: (server.address() as AddressInfo).port,
    pause: () => {
      paused = true;
    },
    resume: () => {
      paused = false;
      for (const step of held.splice(0)) step();
    },
    dropAll: destroyAll,
    close: async () => {
      paused = false;
      held.splice(0);
      destroyAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
