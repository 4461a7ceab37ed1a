import { AssignerProtocol, type Admin } from 'kafkajs';

export interface LiveSubscription {
  /** Active members of the live consumer group: running projections instances. */
  members: number;
  /** The topics those members subscribe to, sorted. */
  topics: string[];
}

/** Who consumes in the live group right now, and which topics they subscribed to. */
export async function readLiveSubscription(admin: Admin, groupId: string): Promise<LiveSubscription> {
  const { groups } = await admin.describeGroups([groupId]);
  const members = groups[0]?.members ?? [];
  const topics = new Set<string>();
  for (const member of members) {
    if (member.memberMetadata.length === 0) continue;
    for (const topic of AssignerProtocol.MemberMetadata.decode(member.memberMetadata)?.topics ?? []) topics.add(topic);
  }
  return { members: members.length, topics: [...topics].sort() };
}
