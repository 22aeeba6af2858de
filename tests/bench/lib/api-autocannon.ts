/**
 * Typed access to autocannon's programmatic API (the package ships no types):
 * just the options and result fields the API benchmark uses.
 */

/** A request autocannon is about to send; setupRequest may rewrite it. */
export interface CannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface CannonOptions {
  url: string;
  connections: number;
  duration?: number;
  amount?: number;
  timeout?: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  requests?: { method?: string; path?: string; headers?: Record<string, string>; body?: string; setupRequest?: (req: CannonRequest, context: Record<string, unknown>) => CannonRequest; onResponse?: (status: number, body: string) => void }[];
}

interface Histogram {
  average: number;
  mean: number;
  stddev: number;
  min: number;
  max: number;
  total: number;
  p50: number;
  p90: number;
  p97_5: number;
  p99: number;
}

export interface CannonResult {
  requests: Histogram & { sent: number };
  latency: Histogram;
  throughput: Histogram;
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  statusCodeStats: Record<string, { count: number }>;
}

type Autocannon = (opts: CannonOptions) => Promise<CannonResult> & { stop(): void };

const autocannon = require('autocannon') as Autocannon;

/** Run one autocannon load and resolve with its result. */
export function cannon(opts: CannonOptions): Promise<CannonResult> {
  return autocannon({ timeout: 30, ...opts });
}

/** Requests per second over the whole run (total completed responses / seconds), steadier than the per-second mean for short runs. */
export function requestsPerSecond(r: CannonResult): number {
  return r.requests.total / r.duration;
}
