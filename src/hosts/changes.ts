/** A change on a host the server noticed between two reports; becomes a history row and an event. */
export interface HostChange {
  /** `check-failed`, `check-fixed`, or `<category>-<action>` of an inventory change (`package-upgraded`, `port-opened`, …) */
  kind: string;
  /** one line for people */
  summary: string;
  detail: Record<string, unknown>;
  /** ECS fields describing the change (`destination.port`, `user.name`, `rule.id`, …) */
  ecs: Record<string, unknown>;
  /** 0–100 */
  severity: number;
}
