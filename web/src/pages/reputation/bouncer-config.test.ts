import { describe, expect, it } from 'vitest';
import { bouncerConfig } from './bouncer-config.js';

describe('CrowdSec bouncer configuration', () => {
  it('points the bouncer at the server root (where /v1/decisions lives) with its key', () => {
    expect(bouncerConfig('https://bulwark.example.com', 'abc123')).toBe('api_url: https://bulwark.example.com/\napi_key: abc123\n');
    expect(bouncerConfig('http://127.0.0.1:8080/', 'k')).toBe('api_url: http://127.0.0.1:8080/\napi_key: k\n');
  });
});
