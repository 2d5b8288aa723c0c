import { z } from 'zod';
import { BulwarkError } from '../core/errors.js';
import { signedPost, type AccessKey } from '../events/client.js';
import { ENROLL_PATH, GET_HOST_TASKS_ACTION, REPORT_HOST_ACTION, hostPath, type AgentReport } from '../hosts/api.js';
import type { AgentState } from './state.js';

const errorBody = z.object({ Code: z.string(), Message: z.string() }).loose();

/** A server refusal as `Agent.ServerRejected` naming the operation and the server's code. */
export function rejected(server: string, operation: string, status: number, json: unknown): BulwarkError {
  const e = errorBody.safeParse(json);
  return new BulwarkError('Agent.ServerRejected', { server, operation, reason: e.success ? `${e.data.Code}: ${e.data.Message}` : `HTTP ${status}` }, { extra: { status, ...(e.success ? { serverCode: e.data.Code } : {}) } });
}

/** The agent's side of the hosts API: reports signed with the host's own AccessKey. */
export class HostClient {
  private readonly key: AccessKey;

  constructor(private readonly state: AgentState) {
    this.key = { accessKeyId: state.accessKeyId, accessKeySecret: state.accessKeySecret };
  }

  get hostId(): string {
    return this.state.hostId;
  }

  /** The server and the host's AccessKey (for modules calling other signed APIs). */
  get connection(): { server: string; key: AccessKey } {
    return { server: this.state.server, key: this.key };
  }

  async report(what: AgentReport, body: unknown): Promise<unknown> {
    const action = what === 'tasks/pull' ? GET_HOST_TASKS_ACTION : REPORT_HOST_ACTION;
    const r = await signedPost(this.state.server, hostPath(this.state.hostId, what), Buffer.from(JSON.stringify(body)), 'application/json', this.key, action);
    if (r.status < 200 || r.status >= 300) throw rejected(this.state.server, what, r.status, r.json);
    return r.json;
  }
}

const enrollmentSchema = z.object({ HostId: z.string(), AccountId: z.string(), UserName: z.string(), AccessKeyId: z.string(), AccessKeySecret: z.string() }).loose();
export type EnrollmentResponse = z.output<typeof enrollmentSchema>;

/** `POST /api/agent/enroll`: the token is the only credential (no signature). */
export async function requestEnrollment(server: string, body: { token: string; hostname: string; os: string; agentVersion: string }): Promise<EnrollmentResponse> {
  let url: URL;
  try {
    url = new URL(ENROLL_PATH, server);
  } catch {
    throw new BulwarkError('InvalidParameter', { field: '--server', reason: 'expected a URL such as https://bulwark.example.com' });
  }
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch (e) {
    throw new BulwarkError('Agent.ServerRejected', { server, operation: 'enrollment', reason: `cannot reach ${url.origin}: ${e instanceof Error ? e.message : String(e)}` });
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    json = undefined;
  }
  if (!response.ok) throw rejected(server, 'enrollment', response.status, json);
  const parsed = enrollmentSchema.safeParse(json);
  if (!parsed.success) throw new BulwarkError('Agent.ServerRejected', { server, operation: 'enrollment', reason: 'the answer is not an enrollment' });
  return parsed.data;
}
