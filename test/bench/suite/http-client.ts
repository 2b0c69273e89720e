import * as http from 'node:http';

/**
 * The load generator's HTTP client: node:http over kept-alive sockets. The
 * client shares the machine's cores with the API and PostgreSQL, so its own
 * cost is taken from what it measures: `fetch` spent about four times more
 * CPU per request than this (measured on the 2-core machine of the README's run).
 */
export class BenchHttpClient {
  private readonly agent: http.Agent;

  constructor(
    private readonly baseUrl: string,
    maxSockets: number,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  /** POSTs a JSON body and gives the status and the parsed answer. */
  postJson(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
    const payload = Buffer.from(JSON.stringify(body));
    const url = new URL(path, this.baseUrl);
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          agent: this.agent,
          hostname: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': payload.length, ...headers },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            try {
              resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          });
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  }

  close() {
    this.agent.destroy();
  }
}
