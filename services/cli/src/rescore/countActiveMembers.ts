import type { Kafka } from 'kafkajs';

/** How many consumers are members of a consumer group right now (0 when the group is empty or unknown). */
export async function countActiveMembers(kafka: Kafka, groupId: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([groupId]);
    return groups.find((g) => g.groupId === groupId)?.members.length ?? 0;
  } finally {
    await admin.disconnect();
  }
}
