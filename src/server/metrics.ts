import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Storage } from '../storage/database.js';

export interface ServerMetrics {
  registry: Registry;
  requests: Counter<'method' | 'route' | 'status'>;
  latency: Histogram<'method' | 'route'>;
}

/** A registry per server instance (never the global one), so tests and roles don't share counters. */
export function createMetrics(storage: Storage): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'bulwark_process_' });
  const requests = new Counter({
    name: 'bulwark_http_requests_total',
    help: 'HTTP requests answered, by method, route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'bulwark_http_request_duration_seconds',
    help: 'HTTP request latency in seconds.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const pool = new Gauge({
    name: 'bulwark_storage_pool_connections',
    help: 'Storage connections by state (total, idle, waiting).',
    labelNames: ['state', 'dialect'] as const,
    registers: [registry],
    collect() {
      const s = storage.poolStats();
      this.set({ state: 'total', dialect: storage.dialect }, s.total);
      this.set({ state: 'idle', dialect: storage.dialect }, s.idle);
      this.set({ state: 'waiting', dialect: storage.dialect }, s.waiting);
    },
  });
  void pool;
  return { registry, requests, latency };
}
