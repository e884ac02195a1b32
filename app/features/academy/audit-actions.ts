// The audit log's kinds of change, without zod, for the pages that show them (ADR 032).

/** Every kind of change the audit log records. */
export const AUDIT_ACTIONS = [
  "user.role",
  "mentor.tracks",
  "tier.grant",
  "tier.revoke",
  "mission.mentor-confirms-passes",
  "mission.publish",
  "mission.visibility",
  "track.save",
  "job.retry",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  "user.role": "Role changed",
  "mentor.tracks": "Mentor's tracks assigned",
  "tier.grant": "Plan granted",
  "tier.revoke": "Granted plan ended",
  "mission.mentor-confirms-passes": "Mission's AI approvals changed",
  "mission.publish": "Mission published",
  "mission.visibility": "Mission unpublished or published again",
  "track.save": "Track created or changed",
  "job.retry": "Jobs retried",
};
