import { connect, type Socket } from 'node:net';

const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * One keep-alive HTTP/1.1 connection that sends pre-built requests one at a time and reads only
 * what a load generator needs of each answer: its status. Much cheaper per request than
 * `node:http`'s client, so the load generator leaves the cores to what it measures. Answers must
 * carry a `content-length` (Fastify's do); anything else fails the request loudly.
 */
export class KeepAliveConnection {
  private socket: Socket | undefined;
  private received: Buffer = Buffer.alloc(0);
  private pending: { resolve: (status: number) => void; reject: (error: Error) => void } | undefined;

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  /** Sends a whole request (head and body) and resolves with the status of its answer. */
  async send(request: Buffer): Promise<number> {
    if (this.pending) throw new Error('a request is already in flight on this connection');
    const socket = this.socket ?? (await this.open());
    return new Promise<number>((resolve, reject) => {
      this.pending = { resolve, reject };
      socket.write(request);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private open(): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: this.host, port: this.port, noDelay: true });
      socket.once('connect', () => {
        socket.off('error', reject);
        this.socket = socket;
        resolve(socket);
      });
      socket.once('error', reject);
      socket.on('data', (chunk: Buffer) => this.onData(chunk));
      socket.on('error', (error) => this.fail(error));
      socket.on('close', () => {
        if (this.socket === socket) this.socket = undefined;
        this.received = Buffer.alloc(0);
        this.fail(new Error('the server closed the connection before answering'));
      });
    });
  }

  private onData(chunk: Buffer): void {
    this.received = this.received.length === 0 ? chunk : Buffer.concat([this.received, chunk]);
    const headEnd = this.received.indexOf(HEADER_END);
    if (headEnd < 0) return;
    const head = this.received.toString('latin1', 0, headEnd);
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1];
    if (length === undefined || !Number.isInteger(status)) {
      this.fail(new Error(`an answer without a status or content-length: ${head.split('\r\n')[0] ?? ''}`));
      this.close();
      return;
    }
    const end = headEnd + HEADER_END.length + Number(length);
    if (this.received.length < end) return;
    if (this.received.length > end) {
      this.fail(new Error('the server answered more than was asked'));
      this.close();
      return;
    }
    this.received = Buffer.alloc(0);
    const pending = this.pending;
    this.pending = undefined;
    pending?.resolve(status);
  }

  private fail(error: Error): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(error);
  }
}

/** The bytes of a POST with a JSON body, built once so sending it costs one write. */
export function postRequest(url: URL, headers: Record<string, string>, json: string): Buffer {
  const body = Buffer.from(json);
  const lines = [`POST ${url.pathname}${url.search} HTTP/1.1`, `host: ${url.host}`, `content-length: ${body.length}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}
