/** Where round-robin continues in each team, as the shell read it: routed assignments so far. */
export type RoutingSnapshot = { rotations: Readonly<Record<string, number>> };
