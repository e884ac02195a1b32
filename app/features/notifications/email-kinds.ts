import type { Role } from "~/domain/roles";

export interface EmailKindDefinition {
  /** What the settings page calls it. */
  label: string;
  /** One line: when such an e-mail is sent. */
  description: string;
  /** Who can receive it: the settings page offers a kind only to them. */
  roles: readonly Role[];
}

/**
 * The notification kinds that may send e-mail, each of which a person can switch off. Account
 * e-mails (confirmation links, password resets, security notices) and the welcome are not here:
 * they are always sent. A notification's `kind` is one of these keys when it may e-mail.
 */
export const EMAIL_KINDS = {
  "review-ready": {
    label: "Review ready",
    description: "When the automatic review of a submission of yours is scored.",
    roles: ["STUDENT"],
  },
  "mentor-review-requested": {
    label: "Mentor review requested",
    description: "When a submission you may review enters the mentor review queue.",
    roles: ["MENTOR", "ADMIN"],
  },
  "mentor-review-done": {
    label: "Mentor review done",
    description: "When a mentor has reviewed a submission of yours.",
    roles: ["STUDENT"],
  },
  "mission-approved": {
    label: "Mission approved",
    description: "When a mission of yours is approved, by the automatic review or by a mentor.",
    roles: ["STUDENT"],
  },
  "payment-problem": {
    label: "Payment problems",
    description: "When a payment for your plan fails and your plan is at risk.",
    roles: ["STUDENT"],
  },
  "review-failed": {
    label: "Review failed",
    description: "When a submission's automatic review could not be completed and needs an admin.",
    roles: ["ADMIN"],
  },
} as const satisfies Record<string, EmailKindDefinition>;

export type EmailKind = keyof typeof EMAIL_KINDS;

export const EMAIL_KIND_KEYS = Object.keys(EMAIL_KINDS) as EmailKind[];

export function isEmailKind(kind: string): kind is EmailKind {
  return Object.hasOwn(EMAIL_KINDS, kind);
}

/** The kinds a person with this role can receive, in the order the settings page lists them. */
export function emailKindsFor(role: Role): EmailKind[] {
  return EMAIL_KIND_KEYS.filter((kind) => (EMAIL_KINDS[kind].roles as readonly Role[]).includes(role));
}

/** Where a person changes which e-mails they get; e-mails link here. */
export const EMAIL_SETTINGS_PATH = "/dashboard/account/email";
